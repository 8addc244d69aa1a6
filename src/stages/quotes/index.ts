/**
 * Stage `quotes`: direct, partial and indirect quotes → speaker, cue verb, medium.
 *
 * Conventions (read by the events stage):
 * - `start`/`end`/`text` of a quote are its CONTENT: for direct and partial quotes the words
 *   between the marks (marks, surrounding spaces and a trailing attribution comma excluded); for
 *   indirect quotes the reported clause ("he would hold phone calls …"), without "that" and without
 *   the final full stop. An event whose trigger lies inside [start, end) was said by the speaker.
 * - Quote ids are `q1`, `q2`, … in text order. The parts of one split quote ("…," he added, "…")
 *   or of a quote running over several paragraphs are separate quotes sharing speaker and cue.
 * - kind: `direct` = a quoted full clause or a quote standing as its own sentence; `partial` = a
 *   quoted word or phrase inside the writer's sentence (scare quotes, "a 'dummy' delegation");
 *   `indirect` = reported speech without marks.
 *
 * Recognizers: quotation marks (marks.ts) → kind → attribution after the quote ("…," said X /
 * "…," X said), before it (X said: "…" / X argued that "…"), or inherited (the same paragraph's
 * earlier quote, the previous paragraph of a multi-paragraph quote); reported clauses after a cue
 * verb (X said (that) …, X told reporters …, by saying …), before it (…, X said.), and around
 * "according to X". Refiners: a partial quote inside reported speech takes that speech's speaker;
 * speakers resolve to actors through the mentions (coref included), else by our own fallback.
 */
import type { Actor, Doc, Quote, QuoteKind, QuoteSpeaker, Span, Token } from '../../document.js';
import type { Stage } from '../types.js';
import { findMarked, type Marked } from './marks.js';
import { quoteLexicon, type CueEntry, type QuoteLexicon } from './lexicon.js';
import { loadIrregularVerbs } from '../../dictionaries/lexicon.js';
import { npAfter, npBefore, sentenceSubject, skipLeft, PERSONAL, TIME_WORDS, type NP } from './np.js';

interface Cue {
  i: number;
  /** Exclusive end token. */
  j: number;
  entry: CueEntry;
  form: 'base' | 'past' | 's' | 'ing' | 'multi';
  start: number;
  end: number;
}

interface Cand {
  kind: QuoteKind;
  start: number;
  end: number;
  mark: Marked | null;
  speaker: NP | null;
  /** A speaker copied from another quote (inherited attribution). */
  from: Cand | null;
  cue: Cue | null;
  /** Punctuation standing for the cue ("Zelensky: '…'"). */
  punctCue: Span | null;
  rule: string;
  confidence: number;
  sentence: number;
  medium: string | null;
  resolved?: QuoteSpeaker | null;
}

/** A verb not in the cue list, taken as the verb of saying because it follows a quote and its speaker. */
const VERB_AFTER_QUOTE: CueEntry = { id: 'cue:verb-after-quote', type: 'speech', confidence: 0.7, indirect: false };

let irregular: Set<string> | null = null;
/** Irregular simple-past forms (shot, wrote, spoke): a word the tagger called a noun may be one. */
function irregularPast(): Set<string> {
  if (irregular) return irregular;
  irregular = new Set();
  for (const [w, kind] of loadIrregularVerbs()) if (kind !== 'participle') irregular.add(w);
  return irregular;
}

/** Skip adverbs rightwards ("Bozell then notes"). */
function skipRight(T: Token[], k: number, hi: number): number {
  while (k < hi && (T[k].pos === 'ADV' || T[k].norm === 'also')) k++;
  return k;
}

const WORDCHAR = /[\p{L}\p{N}]/u;
const OPEN_MARKS = new Set(['“', '"', '‘', "'", '„', '«']);
const QUOTE_CHARS = /["“”‘’'„«»]/;
const TELL = new Set(['tell', 'inform', 'assure', 'warn', 'remind', 'brief', 'promise', 'caution', 'urge', 'ask']);
const ADJUNCT_ADP = new Set(['on', 'in', 'at', 'to', 'for', 'during', 'after', 'before', 'with', 'via', 'through', 'from', 'over', 'late', 'early', 'earlier']);
const BE = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being', "'s", '’s', "'re"]);
const FINITE_CLITIC = new Set(["'s", '’s', "'re", '’re', "'m", '’m', "'ve", '’ve', "'ll", '’ll', "'d", '’d', "n't", 'n’t']);

function finite(t: Token, prev: Token | undefined): boolean {
  if ((t.pos === 'VERB' || t.pos === 'AUX') && (t.form === 'VBD' || t.form === 'VBZ' || t.form === 'VBP' || t.form === 'MD')) return true;
  if (FINITE_CLITIC.has(t.norm) && prev && (prev.pos === 'PRON' || prev.pos === 'ADV' || prev.pos === 'AUX' || prev.pos === 'VERB')) return true;
  if (t.pos === 'AUX' && /^(am|is|are|was|were|do|does|did|has|have|had)$/.test(t.norm)) return true;
  return false;
}

class Ctx {
  readonly tokens: Token[];
  readonly text: string;
  readonly lex: QuoteLexicon;
  readonly cueAt: (Cue | null)[];
  /** Token index → index of the direct/partial quote whose marks enclose it, or -1. */
  readonly inside: Int32Array;
  constructor(readonly doc: Doc) {
    this.tokens = doc.tokens;
    this.text = doc.text;
    this.lex = quoteLexicon();
    this.cueAt = new Array(this.tokens.length).fill(null);
    this.inside = new Int32Array(this.tokens.length).fill(-1);
    for (let i = 0; i < this.tokens.length; i++) this.cueAt[i] = this.cueAtToken(i);
  }

  /** First token whose end is after offset `pos`. */
  tokenAt(pos: number): number {
    const t = this.tokens;
    let lo = 0;
    let hi = t.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t[mid].end <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private cueAtToken(i: number): Cue | null {
    const t = this.tokens[i];
    const pos = t.pos;
    if (pos !== 'VERB' && pos !== 'AUX') {
      // only "according to", "as per", and past forms the tagger read as nouns ("Bozell noted")
      if (pos === 'ADP' || pos === 'SCONJ') {
        if (t.norm !== 'according' && t.norm !== 'as') return null;
      } else if (pos === 'NOUN' || pos === 'ADJ' || pos === 'PROPN') {
        const n = t.norm;
        if (!(n.endsWith('ed') || n === 'said' || n === 'told' || n === 'wrote')) return null;
      } else return null;
    }
    const multi = this.lex.multi.get(t.norm);
    if (multi) {
      for (const e of multi) {
        const w = e.words!;
        let ok = true;
        for (let k = 1; k < w.length; k++) if (this.tokens[i + k]?.norm !== w[k]) ok = false;
        if (ok) return { i, j: i + w.length, entry: e, form: 'multi', start: t.start, end: this.tokens[i + w.length - 1].end };
      }
    }
    const cf = this.lex.verbs.get(t.norm);
    if (!cf) return null;
    const { entry, form } = cf;
    if (form === 'base' || form === 's') {
      if (t.pos !== 'VERB') return null;
    } else if (t.pos !== 'VERB' && t.pos !== 'AUX') {
      if (!(form === 'past' && (t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'PROPN'))) return null;
      const p = this.tokens[i - 1];
      if (p && (p.pos === 'DET' || p.pos === 'ADJ')) return null;
    }
    let j = i + 1;
    if (entry.particle) {
      if (this.tokens[i + 1]?.norm !== entry.particle) return null;
      j = i + 2;
    }
    // "Asked whether …, Smith said": a fronted participle is said to the subject, not by it
    if (form === 'past' && (i === 0 || this.tokens[i - 1].sentence !== t.sentence || this.tokens[i - 1].text === ',')) {
      const n = this.tokens[i + 1];
      if (n && /^(whether|if|about|why|what|how|when|where|by|to|for)$/.test(n.norm)) return null;
    }
    // Passive: "was told", "were asked" — the subject heard, it did not speak.
    if (form === 'past') {
      let b = i - 1;
      while (b >= 0 && (this.tokens[b].pos === 'ADV' || this.tokens[b].norm === 'not')) b--;
      if (b >= 0 && BE.has(this.tokens[b].norm) && this.tokens[b].sentence === t.sentence) return null;
    }
    return { i, j, entry, form, start: t.start, end: this.tokens[j - 1].end };
  }

  /** A verb of saying by its form alone, or any finite verb (used right after a quote and its speaker). */
  looseCue(i: number): Cue | null {
    const hit = this.cueAt[i];
    if (hit) return hit;
    const t = this.tokens[i];
    const cf = this.lex.verbs.get(t.norm);
    if (cf && cf.form !== 'base' && !(cf.entry.particle && this.tokens[i + 1]?.norm !== cf.entry.particle)) {
      const j = cf.entry.particle ? i + 2 : i + 1;
      return { i, j, entry: cf.entry, form: cf.form, start: t.start, end: this.tokens[j - 1].end };
    }
    if ((t.pos === 'VERB' || t.pos === 'AUX') && (t.form === 'VBD' || t.form === 'VBZ') && !/^(is|was|are|were|has|had|have|does|did|do)$/.test(t.norm)) {
      let j = i + 1;
      if (this.tokens[j]?.norm === 'back' || this.tokens[j]?.norm === 'out' || this.tokens[j]?.norm === 'up') j++;
      return { i, j, entry: VERB_AFTER_QUOTE, form: t.form === 'VBD' ? 'past' : 's', start: t.start, end: this.tokens[j - 1].end };
    }
    return null;
  }

  sent(i: number) {
    return this.doc.sentences[this.tokens[i].sentence];
  }

  /** First token of the sentence of token i, reaching back over a split after an initial or inside a parenthesis ("(D-N.Y.)"). */
  sentStart(i: number): number {
    let s = this.sent(i);
    for (let guard = 0; guard < 3 && s.i > 0; guard++) {
      const prev = this.doc.sentences[s.i - 1];
      if (prev.paragraph !== s.paragraph) break;
      const last = this.tokens[prev.tokenEnd - 1];
      const before = this.tokens[prev.tokenEnd - 2];
      const first = this.tokens[s.tokenStart];
      const split = (last.text === '.' && before && before.end === last.start && /^[A-Z]$/.test(before.text)) || /^[A-Z]\.$/.test(last.text) || first.text === ')' || /^[A-Z]\.$/.test(first.text);
      if (!split) break;
      s = prev;
    }
    return s.tokenStart;
  }

  /** The speaker of a cue verb: its subject (before it), or the phrase after it (said X, according to X). */
  subjectOf(c: Cue, lo: number, hi: number): NP | null {
    const T = this.tokens;
    if (c.form === 'multi') return npAfter(T, c.j, hi);
    const j = skipLeft(T, c.i - 1, lo);
    if (j < lo) {
      // "Said Trump: …" — the subject follows
      return npAfter(T, c.j, hi);
    }
    const t = T[j];
    if (c.form === 'ing' || t.pos === 'CCONJ') {
      // "…," she said, adding: "…" / he said …, and then predicted: "…" — the earlier cue's speaker
      for (let k = c.i - 1; k >= lo; k--) {
        const prev = this.cueAt[k];
        if (prev && this.inside[k] < 0 && prev.form !== 'ing' && prev.form !== 'multi') {
          const np = this.subjectOf(prev, lo, hi);
          if (np) return np;
          break;
        }
      }
    }
    // never take a subject from inside a quote that opens the sentence
    while (lo < c.i && this.inside[lo] >= 0) lo++;
    if (c.form === 'ing') {
      // "with Trump reportedly yelling: …" — an absolute clause names its own subject
      const np = npBefore(T, j, lo, false);
      if (np && np.a - 1 >= lo && (T[np.a - 1].norm === 'with' || T[np.a - 1].norm === 'as')) return np;
    }
    if (c.form === 'ing' || t.pos === 'CCONJ' || (t.pos === 'ADP' && t.norm === 'by') || (t.pos === 'VERB' && t.form === 'VBG')) {
      return sentenceSubject(T, lo, c.i);
    }
    const np = npBefore(T, j, lo);
    if (np) return np;
    if (t.pos === 'VERB' || t.text === ',' || t.pos === 'NOUN') return sentenceSubject(T, lo, c.i);
    return null;
  }

  npText(np: NP): Span {
    const s = this.tokens[np.a].start;
    const e = this.tokens[np.b - 1].end;
    return { start: s, end: e, text: this.text.slice(s, e) };
  }
}

const RELATIVES = new Set(['who', 'which', 'that', 'whom', 'whose', 'where', 'when']);
/**
 * Does the quoted span carry its own subject before its first finite verb? "nothing's going to
 * happen" does; "has no chance", "a man who didn't go", "if it were held" are fragments of the
 * writer's sentence (Cruz said Trump "has no chance") and stay partial.
 */
function ownSubject(T: Token[], a: number, b: number): boolean {
  const first = T[a];
  if (!first || first.pos === 'SCONJ' || first.pos === 'ADP' || first.pos === 'CCONJ' || first.form === 'VBN' || first.form === 'VBG' || RELATIVES.has(first.norm)) return false;
  for (let k = a; k < b; k++) {
    if (!finite(T[k], T[k - 1])) continue;
    if (k === a) return false;
    if (RELATIVES.has(T[k - 1].norm)) return false;
    for (let q = a; q < k; q++) if (T[q].pos === 'PRON' || T[q].pos === 'NOUN' || T[q].pos === 'PROPN' || T[q].pos === 'NUM') return true;
    return false;
  }
  return false;
}

function wordCount(T: Token[], a: number, b: number): number {
  let n = 0;
  for (let k = a; k < b; k++) if (T[k].pos !== 'PUNCT') n++;
  return n;
}

function hasFinite(T: Token[], a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (finite(T[k], T[k - 1])) return true;
  return false;
}

const isStop = (t: Token): boolean => t.text === '.' || t.text === '?' || t.text === '!' || t.text === ';';
/** A sentence-ending token at k — not the dot of "(D-Wis.)" or of an initial ("E."). */
function stopAt(T: Token[], k: number): boolean {
  const t = T[k];
  if (!isStop(t)) return false;
  if (t.text !== '.') return true;
  const n = T[k + 1];
  const p = T[k - 1];
  if (n && (n.text === ')' || n.text === ',') && n.start === t.end) return false;
  if (p && p.end === t.start && /^[A-Z]$/.test(p.text)) return false;
  return true;
}
const DASHES = new Set(['-', '–', '—', '―', '--']);

/** What attributes a marked quote: a cue verb and/or a speaker, or punctuation standing for the cue. */
type Attribution = { cue: Cue | null; np: NP | null; punct?: Span };

/*
 * The stage is split into one function per step rather than one long function: V8 recompiles a
 * function whole each time a rarely taken branch first runs, and the long one kept being recompiled
 * over the first thousand articles.
 */
function run(doc: Doc): void {
  if (!doc.tokens.length) return;
  const cx = new Ctx(doc);
  const T = cx.tokens;
  const marks = findMarked(doc.text);
  const cands: Cand[] = [];
  const usedCue = new Set<number>();

  // ---- 1. Marked quotes: kind and attribution
  const markTok: [number, number][] = [];
  for (let qi = 0; qi < marks.length; qi++) {
    const m = marks[qi];
    const a = cx.tokenAt(m.start);
    let b = a;
    while (b < T.length && T[b].end <= m.end) b++;
    markTok.push([a, b]);
    const oEnd = m.close < 0 ? m.end : m.close + 1;
    for (let k = cx.tokenAt(m.open); k < T.length && T[k].start < oEnd; k++) cx.inside[k] = qi;
  }
  const markCands: (Cand | null)[] = [];
  for (let qi = 0; qi < marks.length; qi++) {
    const cand = markedCand(cx, marks[qi], markTok[qi][0], markTok[qi][1], usedCue);
    markCands.push(cand);
    if (cand) cands.push(cand);
  }
  inheritAttribution(cx, markCands);
  indirectSpeech(cx, cands, usedCue);
  nextParagraphSpeaker(cx, cands);
  partialInReported(cands);
  doc.quotes = finish(cx, cands);
}

/** One marked quote [a, b) in tokens: its kind and attribution (null: no content). */
function markedCand(cx: Ctx, m: Marked, a: number, b: number, usedCue: Set<number>): Cand | null {
  const { doc, text } = cx;
  const T = cx.tokens;
  if (b <= a || m.end <= m.start) return null;
  const o = cx.tokenAt(m.open);
  const sIdx = T[Math.min(o, T.length - 1)].sentence;
  const S = doc.sentences[sIdx];
  // the character before the mark (spaces skipped), and whether the quote opens its sentence or line
  const lineStart = text.lastIndexOf('\n', m.open - 1) + 1;
  const from = Math.max(S.start, lineStart);
  let p = m.open - 1;
  while (p >= lineStart && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9 || text.charCodeAt(p) === 160)) p--;
  const leadChar = p >= from ? text[p] : undefined;
  let initial = p < lineStart || leadChar === '.' || leadChar === '!' || leadChar === '?';
  if (!initial) {
    initial = true;
    for (let q = from; q < m.open; q++) {
      const ch = text.charCodeAt(q);
      if ((ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || (ch > 127 && WORDCHAR.test(text[q]))) {
        initial = false;
        break;
      }
    }
  }
  const afterColon = leadChar === ':';
  const afterComma = leadChar === ',';
  const words = wordCount(T, a, b);
  const clause = hasFinite(T, a, b);
  const cand: Cand = { kind: 'partial', start: m.start, end: m.end, mark: m, speaker: null, from: null, cue: null, punctCue: null, rule: 'quotes/partial', confidence: 0.6, sentence: sIdx, medium: null };

  // Attribution after the quote: "…," said X / "…," X said / "…" – X
  const after = m.close >= 0 ? attributionAfter(cx, m) : null;
  // Attribution before the quote: X said: "…" / X argued that "…" / X said, "…"
  const beforeAttr = attributionBefore(cx, m, o, sIdx, initial, afterColon, afterComma, words);
  const endsWithComma = m.close >= 0 && /,\s*$/.test(text.slice(m.end, m.close + 1)) || (m.close >= 0 && text[m.close + 1] === ',');
  const embedded = !initial && !afterColon && !(afterComma && beforeAttr?.cue);
  let kind: QuoteKind;
  if (!embedded && (words >= 3 || clause || after || beforeAttr)) kind = 'direct';
  else if (words >= 3 && clause && ownSubject(T, a, b)) kind = 'direct';
  else if (words >= 12) kind = 'direct';
  else kind = 'partial';
  if (m.single && kind === 'direct' && embedded) kind = 'partial';
  cand.kind = kind;
  const pick = endsWithComma || !beforeAttr ? after ?? beforeAttr : beforeAttr ?? after;
  if (pick && (kind === 'direct' || (pick === beforeAttr && pick.cue && pick.cue.entry.type !== 'belief'))) {
    cand.cue = pick.cue;
    cand.speaker = pick.np;
    cand.punctCue = pick.punct ?? null;
    cand.rule = kind === 'direct' ? (pick === after ? 'quotes/direct-cue-after' : 'quotes/direct-cue-before') : 'quotes/partial-cue';
    cand.confidence = kind === 'direct' ? (pick.np ? 0.9 : 0.6) * (pick.cue?.entry.confidence ?? 0.7) : 0.6;
    if (pick.cue && kind === 'direct') usedCue.add(pick.cue.i);
  } else if (kind === 'direct') {
    cand.rule = 'quotes/direct';
    cand.confidence = 0.6;
  }
  return cand;
}

/** Attribution after the quote: "…," said X / "…," X said / "…" – X */
function attributionAfter(cx: Ctx, m: Marked): Attribution | null {
  const { text } = cx;
  const T = cx.tokens;
  let after: Attribution | null = null;
  let k = cx.tokenAt(m.close + 1);
  while (k < T.length && T[k].pos === 'PUNCT' && (T[k].text === ',' || QUOTE_CHARS.test(T[k].text))) k++;
  const sameLine = (tk: Token | undefined) => !!tk && !/\n/.test(text.slice(m.close, tk.start));
  if (k < T.length && sameLine(T[k]) && !stopAt(T, k)) {
    let end = k;
    while (end < T.length && end < k + 24 && sameLine(T[end]) && !stopAt(T, end) && !OPEN_MARKS.has(T[end].text) && T[end].text !== ':') end++;
    for (let c = k; c < end && c < k + 20; c++) {
      const cue = cx.cueAt[c];
      if (!cue || cx.inside[c] >= 0) continue;
      if (skipLeft(T, c - 1, k) < k) {
        // "…," said a Kremlin spokesperson / "…," he said (after adverbs) — subject after or before
        after = { cue, np: npAfter(T, cue.j, end) };
      } else {
        // "…," X said / "…," X, the party's leader, said / "…," Rep. X (R-Utah) said
        const np = npAfter(T, k, c);
        if (np && (np.b === skipLeft(T, c - 1, k) + 1 || T[np.b]?.text === ',' || T[np.b]?.text === '(')) after = { cue, np };
        else {
          const nb = npBefore(T, skipLeft(T, c - 1, k), k, false);
          if (nb && nb.a === k) after = { cue, np: nb };
        }
      }
      break;
    }
    // "…," Trump barked / "…!" beamed a delegate / "…," Bozell notes (wink tags it a noun):
    // right after a quote that ends in , ! ? the verb next to a noun phrase is the verb of saying
    const signal = /[,!?—–]/.test(text.slice(m.end, T[k].start)) || /[!?]$/.test(text.slice(m.start, m.end));
    if (!after && signal) {
      let np = npAfter(T, k, end);
      const lastW = np ? T[np.b - 1] : undefined;
      if (np && lastW && np.b - np.a >= 2 && !lastW.cap && (cx.lex.verbs.has(lastW.norm) || (lastW.pos === 'NOUN' && (/ed$/.test(lastW.norm) || irregularPast().has(lastW.norm))))) {
        // "Bozell notes", "Bozell points out": the tagger read the verb as a noun
        np = { a: np.a, b: np.b - 1, head: np.b - 2, pronoun: false };
        if (!cx.looseCue(np.b)) {
          const v = np.b;
          let j = v + 1;
          if (T[j] && /^(back|out|up)$/.test(T[j].norm)) j++;
          after = { cue: { i: v, j, entry: VERB_AFTER_QUOTE, form: 'past', start: T[v].start, end: T[j - 1].end }, np };
        }
      }
      if (np && !after) {
        const v = skipRight(T, np.b, end);
        const cue = v < end ? cx.looseCue(v) : null;
        if (cue) after = { cue, np };
      } else {
        const cue = cx.looseCue(k);
        const np2 = cue ? npAfter(T, cue.j, end) : null;
        if (cue && np2) after = { cue, np: np2 };
      }
    }
    // "…" – Zelensky (headlines, captions)
    if (!after && DASHES.has(T[k].text)) {
      const np = npAfter(T, k + 1, end);
      if (np && np.b === end && T[np.head].pos === 'PROPN') after = { cue: null, np, punct: { start: T[k].start, end: T[k].end, text: T[k].text } };
    }
  }
  return after;
}

/** Attribution before the quote: X said: "…" / X argued that "…" / X said, "…" */
function attributionBefore(cx: Ctx, m: Marked, o: number, sIdx: number, initial: boolean, afterColon: boolean, afterComma: boolean, words: number): Attribution | null {
  const { doc } = cx;
  const T = cx.tokens;
  const S = doc.sentences[sIdx];
  let beforeAttr: Attribution | null = null;
  const sStart = o < T.length ? cx.sentStart(o) : S.tokenStart;
  let lo = sStart;
  let hi = o - 1;
  if (o === S.tokenStart || initial) {
    // the quote opens its sentence: a cue may end the previous sentence with a colon
    const prev = doc.sentences[sIdx - 1];
    const lastTok = prev ? T[prev.tokenEnd - 1] : undefined;
    if (prev && lastTok && lastTok.text === ':' && prev.paragraph >= S.paragraph - 1) {
      lo = cx.sentStart(prev.tokenStart);
      hi = prev.tokenEnd - 1;
    } else if (afterColon && o - 1 >= S.tokenStart) {
      hi = o - 1;
    } else hi = lo - 1;
  }
  const maxGap = afterColon || afterComma ? 30 : words < 3 ? 20 : 40;
  for (let c = hi; c >= lo && c >= hi - maxGap - 2; c--) {
    const cue = cx.cueAt[c];
    const tc = T[c];
    if (!cue && words < 3 && tc.pos === 'VERB' && (tc.form === 'VB' || tc.form === 'VBZ' || tc.form === 'VBP')) break;
    if (!cue || cx.inside[c] >= 0) continue;
    if (cue.j - 1 > hi) continue;
    const gap = o - cue.j;
    if (gap > maxGap) break;
    beforeAttr = { cue, np: cx.subjectOf(cue, lo, hi + 1) };
    break;
  }
  // Zelensky: "…" / doesn't surprise pollster Daron Shaw: "…" (a name right before the colon)
  if ((!beforeAttr || !beforeAttr.np) && afterColon && o - 1 > S.tokenStart) {
    const keep = beforeAttr;
    beforeAttr = null;
    const colon = { start: T[o - 1].start, end: T[o - 1].end, text: T[o - 1].text };
    const np = npBefore(T, o - 2, sStart, false);
    if (np && (np.a === sStart || S.headline || T[np.head].pos === 'PROPN') && (T[np.head].pos === 'PROPN' || np.a === sStart)) beforeAttr = { cue: null, np, punct: colon };
    else {
      // She then addressed the supporters: "…" / Trump leaned in and boomed: "…" — the clause's subject
      const subj = sentenceSubject(T, sStart, o - 1);
      if (subj && hasFinite(T, subj.b, o - 1)) beforeAttr = { cue: keep?.cue ?? null, np: subj, punct: keep?.cue ? undefined : colon };
    }
    if (!beforeAttr) beforeAttr = keep;
  }
  return beforeAttr;
}

/** Multi-paragraph continuation, split quotes in one paragraph, a quote paragraph after an attributed one. */
function inheritAttribution(cx: Ctx, markCands: (Cand | null)[]): void {
  const { text } = cx;
  let prevDirect: Cand | null = null;
  for (const c of markCands) {
    if (!c || c.kind !== 'direct') continue;
    const m = c.mark!;
    if (!c.cue && !c.punctCue && prevDirect && (prevDirect.speaker || prevDirect.from)) {
      const pm = prevDirect.mark!;
      const samePara = pm.line === m.line;
      const cont = m.continues && pm.line === m.line - 1;
      const nextPara = pm.line === m.line - 1 && m.open === lineStartOf(text, m.open) && !hasOtherCue(cx, pm, m);
      if (samePara || cont || nextPara) {
        c.from = prevDirect.from ?? prevDirect;
        c.rule = cont ? 'quotes/continued-paragraph' : samePara ? 'quotes/same-paragraph' : 'quotes/next-paragraph';
        c.confidence = cont || samePara ? 0.8 : 0.5;
      }
    }
    prevDirect = c;
  }

}

function indirectSpeech(cx: Ctx, cands: Cand[], usedCue: Set<number>): void {
  const T = cx.tokens;
  // ---- 2. Indirect speech
  const indirect: Cand[] = [];
  for (let i = 0; i < T.length; i++) {
    const c = cx.cueAt[i];
    if (!c || cx.inside[i] >= 0 || usedCue.has(i)) continue;
    if (c.form === 'multi') {
      const q = accordingTo(cx, c);
      if (q) indirect.push(q);
      continue;
    }
    if (!c.entry.indirect) continue;
    const q = forwardIndirect(cx, c) ?? invertedIndirect(cx, c);
    if (q) indirect.push(q);
  }
  // Drop an indirect quote whose content is (nearly) a direct quote already found.
  for (const q of indirect) {
    const dup = cands.some((d) => d.kind === 'direct' && d.start >= q.start - 2 && d.end <= q.end + 2 && d.end - d.start >= 0.8 * (q.end - q.start));
    if (!dup) cands.push(q);
  }

}

function nextParagraphSpeaker(cx: Ctx, cands: Cand[]): void {
  const { doc, text } = cx;
  const T = cx.tokens;
  // ---- 2b. A quote paragraph with no attribution after a paragraph that ends in attributed speech
  // ("Smith said the plan had failed.¶“It was never going to work.”"): the same speaker, implied.
  {
    const ordered = cands.filter((c) => c.kind !== 'partial').sort((x, y) => x.start - y.start);
    const paraOf = (c: Cand) => (c.mark ? c.mark.line : doc.sentences[c.sentence]?.paragraph ?? -1);
    for (let n = 1; n < ordered.length; n++) {
      const c = ordered[n];
      if (c.kind !== 'direct' || c.cue || c.punctCue || c.from || !c.mark || c.mark.open !== lineStartOf(text, c.mark.open)) continue;
      const prev = ordered[n - 1];
      if (paraOf(prev) !== c.mark.line - 1 || !(prev.speaker || prev.from)) continue;
      // nothing after the previous attribution but the end of its paragraph
      const rest = cx.tokenAt(prev.end);
      let other = false;
      for (let k = rest; k < T.length && T[k].start < c.mark.open; k++) if (cx.cueAt[k] && cx.inside[k] < 0 && k !== prev.cue?.i) other = true;
      if (other) continue;
      c.from = prev.from ?? prev;
      c.rule = 'quotes/next-paragraph';
      c.confidence = 0.5;
    }
  }

}

function partialInReported(cands: Cand[]): void {
  // ---- 3. Partial quotes inside reported speech take its speaker
  for (const c of cands) {
    if (c.kind !== 'partial' || c.cue) continue;
    const host = cands.find((d) => d.kind === 'indirect' && d.start <= c.start && d.end >= c.end);
    if (host) {
      c.from = host;
      c.rule = 'quotes/partial-in-reported';
      c.confidence = 0.7;
    }
  }

}

function finish(cx: Ctx, cands: Cand[]): Quote[] {
  const { text } = cx;
  const T = cx.tokens;
  // ---- 4. Medium, speaker resolution, ids
  cands.sort((x, y) => x.start - y.start || x.end - y.end);
  const out: Quote[] = [];
  const named: { sp: QuoteSpeaker; head: string; at: number }[] = [];
  for (const c of cands) {
    const base = c.from ?? c;
    if (base !== c && base.resolved !== undefined) c.resolved = base.resolved;
    else c.resolved = base.speaker ? resolveSpeaker(cx, base.speaker, named) : null;
    if (base.resolved === undefined) base.resolved = c.resolved;
    if (c.resolved && base.speaker && !base.speaker.pronoun) named.push({ sp: c.resolved, head: T[base.speaker.head].norm, at: c.start });
    const cue = base.cue;
    c.medium = base !== c ? base.medium ?? findMedium(cx, base) : findMedium(cx, c);
    if (base !== c && base.medium === null) base.medium = c.medium;
    const cueSpan: Span | null = cue ? { start: cue.start, end: cue.end, text: text.slice(cue.start, cue.end) } : base.punctCue;
    out.push({
      id: '',
      kind: c.kind,
      text: text.slice(c.start, c.end),
      start: c.start,
      end: c.end,
      speaker: c.resolved ?? null,
      cue: cueSpan,
      medium: c.medium,
      evidence: {
        stage: 'quotes',
        rule: c.rule,
        source: cue ? `${cx.lex.cueSource}#${cue.entry.id}` : undefined,
        anchor: c.from ? 'implied' : 'stated',
        confidence: Math.round(c.confidence * 100) / 100,
      },
    });
  }
  out.forEach((q, n) => {
    q.id = `q${n + 1}`;
    if (q.evidence.source === undefined) delete q.evidence.source;
  });
  return out;
}

function lineStartOf(text: string, pos: number): number {
  let s = text.lastIndexOf('\n', pos - 1) + 1;
  while (s < pos && /[ \t]/.test(text[s])) s++;
  return s;
}

/** Is there a cue verb between two quotes (outside quotes) that would give the later one its own speaker? */
function hasOtherCue(cx: Ctx, pm: Marked, m: Marked): boolean {
  const from = cx.tokenAt(pm.close < 0 ? pm.end : pm.close + 1);
  const to = cx.tokenAt(m.open);
  for (let k = from; k < to; k++) if (cx.cueAt[k] && cx.inside[k] < 0) return true;
  return to - from > 12;
}

/** Where the content of reported speech ends: the sentence end, or a trailing attribution (", as per AFP", ", he said"). */
function contentEnd(cx: Ctx, from: number, sEnd: number): number {
  const T = cx.tokens;
  for (let k = from; k < sEnd; k++) {
    const t = T[k];
    if (t.text === ',' || t.text === '–' || t.text === '—') {
      const n1 = T[k + 1];
      const n2 = T[k + 2];
      if (n1 && n2 && ((n1.norm === 'according' && n2.norm === 'to') || (n1.norm === 'as' && n2.norm === 'per'))) return k;
      // ", expressing hope that …" — a participial clause about the speaker, not the content
      if (t.text === ',' && n1 && n1.pos === 'VERB' && n1.form === 'VBG' && k > from + 2) return k;
      // ", he said." / ", the official added."
      for (let c = k + 1; c < sEnd && c <= k + 7; c++) {
        if (cx.cueAt[c] && cx.inside[c] < 0) {
          const rest = c + 1;
          let tail = 0;
          for (let r = rest; r < sEnd; r++) if (T[r].pos !== 'PUNCT') tail++;
          if (tail <= 5) return k;
          break;
        }
        if (T[c].pos === 'VERB' || T[c].pos === 'AUX' || T[c].text === ',') break;
      }
    }
    // "… but insisted …": a second cue verb coordinated with the first belongs to the speaker
    if (t.pos === 'CCONJ' && k > from + 2) {
      let n = k + 1;
      while (n < sEnd && T[n].pos === 'ADV') n++;
      if (n < sEnd && cx.cueAt[n] && cx.inside[n] < 0 && T[n].form !== 'VBG') return k;
    }
    if (isStop(T[k]) && (k === sEnd - 1 || T[k].text === ';')) return k;
  }
  let e = sEnd;
  while (e > from && T[e - 1].pos === 'PUNCT' && !QUOTE_CHARS.test(T[e - 1].text)) e--;
  return e;
}

function mkIndirect(cx: Ctx, c: Cue, a: number, b: number, np: NP | null, rule: string, conf: number): Cand | null {
  const T = cx.tokens;
  while (a < b && T[a].pos === 'PUNCT' && !OPEN_MARKS.has(T[a].text)) a++;
  while (b > a && T[b - 1].pos === 'PUNCT' && !QUOTE_CHARS.test(T[b - 1].text)) b--;
  if (b - a < 3 || wordCount(T, a, b) < 3 || !hasFinite(T, a, b) && !/to$/.test(T[a].norm)) return null;
  const cand: Cand = {
    kind: 'indirect',
    start: T[a].start,
    end: T[b - 1].end,
    mark: null,
    speaker: np,
    from: null,
    cue: c,
    punctCue: null,
    rule,
    confidence: conf * (c.entry.confidence ?? 0.7) * (np ? 1 : 0.6),
    sentence: T[c.i].sentence,
    medium: null,
  };
  return cand;
}

/** X said (that) CLAUSE / X told reporters (that) CLAUSE / by saying CLAUSE. */
function forwardIndirect(cx: Ctx, c: Cue): Cand | null {
  const T = cx.tokens;
  const S = cx.sent(c.i);
  const sEnd = S.tokenEnd;
  let k = c.j;
  if (k >= sEnd) return null;
  if (T[k].text === ':' || OPEN_MARKS.has(T[k].text)) return null;
  const lemma = c.entry.lemma ?? '';
  if (TELL.has(lemma)) {
    const np = npAfter(T, k, sEnd);
    if (np && !(T[np.b]?.pos === 'VERB' || T[np.b]?.pos === 'AUX')) k = np.b;
  }
  for (let guard = 0; guard < 5 && k < sEnd; guard++) {
    const t = T[k];
    if (t.pos === 'ADV' || t.text === ',' || (TIME_WORDS.has(t.norm) && t.norm !== 'this' && t.norm !== 'may')) {
      k++;
      continue;
    }
    if (t.pos === 'ADP' && ADJUNCT_ADP.has(t.norm) && t.norm !== 'that') {
      const np = npAfter(T, k + 1, sEnd);
      if (np) {
        k = np.b;
        // "in an interview with CNN", "on Telegram on Sunday"
        continue;
      }
    }
    break;
  }
  if (k >= sEnd) return null;
  let that = false;
  if (T[k].norm === 'that' && (T[k].pos === 'SCONJ' || T[k].pos === 'DET' || T[k].pos === 'PRON' || T[k].pos === 'ADP')) {
    that = true;
    k++;
  } else {
    // bare complement: a subject then a finite verb within a few words ("Trump said he would …")
    const t = T[k];
    if (!(t.pos === 'PRON' || t.pos === 'DET' || t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'NUM' || t.pos === 'ADJ')) return null;
    if (t.pos === 'PRON' && !PERSONAL.has(t.norm) && !/^(there|this|nothing|everything|something|everyone|nobody|none|all|both)$/.test(t.norm)) return null;
    let ok = false;
    for (let q = k + 1; q < sEnd && q <= k + 7; q++) {
      if (finite(T[q], T[q - 1])) {
        ok = true;
        break;
      }
      if (T[q].text === ',' || T[q].pos === 'VERB') break;
    }
    if (!ok) return null;
  }
  if (k < sEnd && OPEN_MARKS.has(T[k].text) && cx.inside[k] >= 0) {
    // the reported content is itself a quoted clause: a direct quote covers it
    const qEnd = k;
    void qEnd;
  }
  const e = contentEnd(cx, k, sEnd);
  const np = cx.subjectOf(c, cx.sentStart(c.i), c.i);
  return mkIndirect(cx, c, k, e, np, that ? 'quotes/indirect-that' : 'quotes/indirect-bare', that ? 0.85 : 0.75);
}

/** CLAUSE, X said. / CLAUSE, said X. */
function invertedIndirect(cx: Ctx, c: Cue): Cand | null {
  const T = cx.tokens;
  const S = cx.sent(c.i);
  // after the cue: only a short tail (an adjunct, or the speaker) before the sentence ends
  let tail = 0;
  for (let r = c.j; r < S.tokenEnd; r++) {
    if (T[r].pos === 'VERB' || T[r].pos === 'AUX' || T[r].text === ':' || OPEN_MARKS.has(T[r].text)) return null;
    if (T[r].pos !== 'PUNCT') tail++;
  }
  if (tail > 7) return null;
  let comma = -1;
  let np: NP | null = null;
  const j = skipLeft(T, c.i - 1, S.tokenStart);
  if (j >= S.tokenStart && T[j].text === ',') {
    comma = j;
    np = npAfter(T, c.j, S.tokenEnd);
  } else {
    const before = npBefore(T, j, S.tokenStart, false);
    if (before && before.a - 1 > S.tokenStart && T[before.a - 1].text === ',') {
      comma = before.a - 1;
      np = before;
    }
  }
  if (comma < 0) return null;
  let a = S.tokenStart;
  while (a < comma && T[a].pos === 'PUNCT') a++;
  if (OPEN_MARKS.has(T[a]?.text) || cx.inside[a] >= 0) return null;
  return mkIndirect(cx, c, a, comma, np, 'quotes/indirect-inverted', 0.8);
}

/** According to X, CLAUSE / CLAUSE, according to X. */
function accordingTo(cx: Ctx, c: Cue): Cand | null {
  const T = cx.tokens;
  const S = cx.sent(c.i);
  const np = npAfter(T, c.j, S.tokenEnd);
  if (!np) return null;
  // "as per AFP" naming a wire credit is sourcing, not speech
  const sp = cx.npText(np);
  if (cx.doc.meta.wire.some((w) => w.start < sp.end && w.end > sp.start) && c.entry.id === 'cue:as-per') return null;
  if (c.i === S.tokenStart || (c.i > S.tokenStart && T[c.i - 1].pos === 'PUNCT' && c.i - 1 === S.tokenStart)) {
    let k = np.b;
    if (T[k]?.text === ',') k++;
    const e = contentEnd(cx, k, S.tokenEnd);
    return mkIndirect(cx, c, k, e, np, 'quotes/according-to', 0.85);
  }
  const prev = T[c.i - 1];
  if (prev && prev.text === ',') {
    let tail = 0;
    for (let r = np.b; r < S.tokenEnd; r++) if (T[r].pos !== 'PUNCT') tail++;
    if (tail <= 4) return mkIndirect(cx, c, S.tokenStart, c.i - 1, np, 'quotes/according-to', 0.85);
  }
  return null;
}

function findMedium(cx: Ctx, c: Cand): string | null {
  const T = cx.tokens;
  const cue = c.cue;
  if (!cue && !c.punctCue) return null;
  const at = cue ? cue.i : cx.tokenAt(c.punctCue!.start);
  const S = cx.sent(at);
  let best: { rank: number; dist: number; name: string } | null = null;
  for (let k = S.tokenStart; k < S.tokenEnd; k++) {
    if (cx.inside[k] >= 0 && (c.kind !== 'indirect' || true) && T[k].start >= (c.mark?.open ?? -1) - 1 && isInsideQuoteContent(cx, k)) continue;
    if (c.kind === 'indirect' && T[k].start >= c.start && T[k].end <= c.end) continue;
    const list = cx.lex.media.get(T[k].norm);
    if (!list) continue;
    for (const { phrase, entry } of list) {
      let ok = true;
      for (let q = 1; q < phrase.length; q++) if (T[k + q]?.norm !== phrase[q]) ok = false;
      if (!ok) continue;
      // "X" only as the platform after "on"/"wrote on" etc. — phrases handle that; a lone "x" needs its phrase
      const dist = Math.abs(k - at);
      if (!best || entry.rank > best.rank || (entry.rank === best.rank && dist < best.dist)) best = { rank: entry.rank, dist, name: entry.name };
      break;
    }
  }
  return best?.name ?? null;
}

function isInsideQuoteContent(cx: Ctx, k: number): boolean {
  return cx.inside[k] >= 0;
}

const HE_SHE = new Set(['he', 'she']);

/** Speaker noun phrase → actor (mention overlap, coref mention, or our fallback) → QuoteSpeaker. */
function resolveSpeaker(cx: Ctx, np: NP, named: { sp: QuoteSpeaker; head: string; at: number }[]): QuoteSpeaker {
  const doc = cx.doc;
  const T = cx.tokens;
  const span = cx.npText(np);
  const headTok = T[np.head];
  let best: { actor: Actor; score: number } | null = null;
  for (const m of doc.mentions) {
    if (m.end <= span.start || m.start >= span.end) continue;
    const actor = doc.actors.get(m.actor);
    if (!actor) continue;
    let score = 1;
    if (m.start <= headTok.start && m.end >= headTok.end) score += 4;
    if (m.start === span.start) score += 2;
    score += (m.end - m.start) / 1000;
    if (!best || score > best.score) best = { actor, score };
  }
  if (best) return { actor: best.actor.id, name: best.actor.name, code: best.actor.code, start: span.start, end: span.end };
  // Pronoun with no coref mention: the nearest suitable earlier actor.
  if (np.pronoun) {
    const p = headTok.norm;
    let pick: Actor | null = null;
    let at = -1;
    for (const m of doc.mentions) {
      if (m.start >= span.start || m.start < at) continue;
      const actor = doc.actors.get(m.actor);
      if (!actor) continue;
      const ok = HE_SHE.has(p) ? actor.kind === 'person' : p === 'it' ? actor.kind === 'country' || actor.kind === 'organisation' || actor.kind === 'igo' || actor.kind === 'media' : p === 'they' || p === 'we' ? actor.kind !== 'person' : false;
      if (ok) {
        pick = actor;
        at = m.start;
      }
    }
    if (pick) return { actor: pick.id, name: pick.name, code: pick.code, start: span.start, end: span.end };
    if (doc.mentions.length === 0) {
      // no actors stage output at all: the last named speaker
      for (let q = named.length - 1; q >= 0; q--) {
        const n = named[q];
        if (n.at < span.start && (!HE_SHE.has(p) || /^[A-Z]/.test(n.sp.name))) return { ...n.sp, start: span.start, end: span.end };
      }
    }
    return { actor: null, name: span.text, code: null, start: span.start, end: span.end };
  }
  // A role anaphor ("the spokesperson added") with no mention: an earlier speaker with the same head noun.
  if (T[np.a].norm === 'the' && headTok.pos === 'NOUN') {
    for (let q = named.length - 1; q >= 0; q--) {
      if (named[q].head === headTok.norm) return { ...named[q].sp, start: span.start, end: span.end };
    }
  }
  return { actor: null, name: span.text, code: null, start: span.start, end: span.end };
}

export const quotesStage: Stage = { name: 'quotes', run };
export { run as findQuotes };
