/**
 * Stage `segment`: paragraphs → sentences → tokens with POS, lemma, tense and clause-trimmed negation.
 *
 * wink-nlp does the tagging. Around it, the fixes the design notes measured on news text:
 * - split on newlines first, so an unpunctuated headline does not glue onto the next sentence;
 * - re-case a Title-Case headline before tagging (same length, so offsets are unchanged);
 * - wink gives no tense: suffix rules plus an irregular-verb table (data/lexicon/irregular-verbs.json);
 * - wink's negation scope runs to the next punctuation: we keep our own, ending at a clause boundary.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Doc, Sentence, Token, Tense } from '../../document.js';
import { loadIrregularVerbs } from '../../dictionaries/lexicon.js';

type Wink = ReturnType<typeof winkNLP>;
let nlp: Wink | null = null;
/** One wink instance per process: the design notes found that only the first instance matches POS patterns. */
export function wink(): Wink {
  if (!nlp) nlp = winkNLP(model, ['sbd', 'pos']);
  return nlp;
}

const HEADLINE_SMALL = new Set([
  'a', 'an', 'the', 'to', 'in', 'on', 'of', 'for', 'and', 'or', 'but', 'at', 'by', 'with', 'from', 'as', 'is', 'are',
  'was', 'were', 'be', 'after', 'over', 'into', 'amid', 'says', 'say', 'said', 'will', 'bid', 'end', 'call', 'calls',
  'talks', 'meet', 'meets', 'new', 'vows', 'warns', 'urges', 'seeks', 'backs', 'hits',
]);

/** Lower-case the capitalised common words of a Title-Case headline, keeping each word's length. */
export function recaseHeadline(line: string): string {
  const words = line.match(/[A-Za-z][A-Za-z'’]*/g) ?? [];
  if (words.length < 4) return line;
  const caps = words.filter((w) => /^[A-Z]/.test(w)).length;
  if (caps / words.length < 0.6) return line;
  let first = true;
  return line.replace(/[A-Za-z][A-Za-z'’]*/g, (w) => {
    const keep = first;
    first = false;
    if (keep) return w;
    const lw = w.toLowerCase();
    return HEADLINE_SMALL.has(lw) ? lw : w;
  });
}

const NEG_CUES = new Set(['not', "n't", 'never', 'no', 'without', 'neither', 'nor', 'cannot', 'refused', 'failed', 'declined']);
const CLAUSE_BREAK = new Set(['but', 'while', 'although', 'though', 'because', 'since', 'whereas', 'and', 'or', 'which', 'who', 'that', 'when', 'if', 'unless']);
const PAST_AUX = new Set(['was', 'were', 'had', 'been', 'did', "'d"]);
const PASSIVE_OR_PERFECT = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being', 'has', 'have', 'had', "'s", "'re", "'ve", "'d", 'got', 'get', 'gets']);

function verbForm(norm: string, lemma: string, pos: string, irregular: Map<string, 'past' | 'participle' | 'both'>): string {
  if (pos !== 'VERB' && pos !== 'AUX') return '';
  if (norm === 'will' || norm === "'ll" || norm === 'would' || norm === 'shall' || norm === 'should' || norm === 'could' || norm === 'can' || norm === 'may' || norm === 'might' || norm === 'must' || norm === "'d")
    return 'MD';
  const irr = irregular.get(norm);
  if (irr === 'past') return 'VBD';
  if (irr === 'participle') return 'VBN';
  if (irr === 'both') return 'VBD';
  if (norm === 'was' || norm === 'were' || norm === 'did' || norm === 'had') return 'VBD';
  if (norm === 'is' || norm === 'has' || norm === 'does' || norm === "'s") return 'VBZ';
  if (norm === 'are' || norm === 'am' || norm === "'re" || norm === "'m" || norm === 'have' || norm === 'do') return 'VBP';
  if (norm === 'been') return 'VBN';
  if (norm.endsWith('ing') && norm.length > 4) return 'VBG';
  if (norm.endsWith('ed') && norm !== lemma) return 'VBD';
  if (norm.endsWith('s') && norm !== lemma) return 'VBZ';
  return 'VB';
}

/**
 * wink's lemmatiser is the costliest part of tagging (about as much as tokenising and POS together,
 * measured over BBC articles). A lemma depends only on the word as written and its POS, so lemmas
 * are cached per process by (POS, surface form); vocabulary is Zipfian, so after a few hundred
 * articles nearly every token is a Map hit. The cache is capped so memory stays bounded.
 *
 * The cache holds everything about a token that depends only on (POS, word as written): lemma, norm,
 * verb form and the capital flag. It is indexed by wink's own lexeme id (its.uniqueId: the index of the
 * word in wink's lexicon, which wink has just looked up anyway, and which fixes the word as written), so a
 * hit is two array reads and no string hashing; the few POS a word takes are chained. A token whose text
 * in the article differs from wink's value (a re-cased headline word, a token wink normalised) takes the
 * slow path, which computes the same fields from its surface.
 */
interface WordInfo { pos: string; lemma: string; norm: string; form: string; cap: boolean; next: WordInfo | null }
/** Lexeme id → 1 + index in `infos` of the id's newest entry (0: none yet). */
let slotOf = new Int32Array(1 << 18);
const infos: WordInfo[] = [];
const LEMMA_CACHE_MAX = 250_000;
type WinkTokens = { itemAt(k: number): { out(f: unknown): string } };

function winkLemma(toks: WinkTokens, k: number, norm: string): string {
  return (toks.itemAt(k).out(wink().its.lemma) || norm).toLowerCase();
}

function normOf(surface: string): string {
  const lower = surface.toLowerCase();
  return lower.indexOf('’') >= 0 ? lower.replace(/’/g, "'") : lower;
}

/** "A".."Z" as the first character (the old /^[A-Z]/ test). */
function isCap(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 65 && c <= 90;
}

/** Word facts for a token whose surface is wink's value itself (the fast, cached path). */
function wordInfo(toks: WinkTokens, k: number, pos: string, value: string, id: number, irregular: Map<string, 'past' | 'participle' | 'both'>): WordInfo {
  if (id >= slotOf.length) {
    const grown = new Int32Array(Math.max(slotOf.length * 2, id + 1));
    grown.set(slotOf);
    slotOf = grown;
  }
  const slot = slotOf[id];
  const head = slot === 0 ? null : infos[slot - 1];
  let info = head;
  while (info !== null && info.pos !== pos) info = info.next;
  if (info === null) {
    const norm = normOf(value);
    const lemma = lemmaOf(toks, k, pos, value, norm);
    info = { pos, lemma, norm, form: verbForm(norm, lemma, pos, irregular), cap: isCap(value), next: head };
    if (infos.length < LEMMA_CACHE_MAX) {
      infos.push(info);
      slotOf[id] = infos.length;
    }
  }
  return info;
}

/** The lemma alone, cached by (POS, wink's value): for tokens whose surface differs from the value. */
const lemmaCache = new Map<string, Map<string, string>>();
let lemmaCacheSize = 0;
function lemmaOf(toks: WinkTokens, k: number, pos: string, value: string, norm: string): string {
  let byValue = lemmaCache.get(pos);
  if (byValue === undefined) lemmaCache.set(pos, (byValue = new Map()));
  let lemma = byValue.get(value);
  if (lemma === undefined) {
    lemma = winkLemma(toks, k, norm);
    if (lemmaCacheSize < LEMMA_CACHE_MAX) {
      byValue.set(value, lemma);
      lemmaCacheSize++;
    }
  }
  return lemma;
}

interface WinkDoc {
  tokens(): WinkTokens & { out(f: unknown): unknown };
  sentences(): { out(f: unknown): unknown };
}

export function segment(doc: Doc): void {
  const text = doc.text;
  const n = wink();
  const its = n.its;
  const irregular = loadIrregularVerbs();
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  // Paragraphs: split on newlines (one or more).
  const paraRe = /[^\n\r]+/g;
  let m: RegExpExecArray | null;
  let paragraph = 0;
  while ((m = paraRe.exec(text))) {
    const raw = m[0];
    if (!raw.trim()) continue;
    const pStart = m.index;
    const pEnd = pStart + raw.length;
    const isFirst = paragraph === 0;
    const looksHeadline = isFirst && !/[.!?:]["”’]?\s*$/.test(raw.trim()) && raw.length < 200;
    const input = looksHeadline ? recaseHeadline(raw) : raw;
    const wdoc = n.readDoc(input) as unknown as WinkDoc;
    const toks = wdoc.tokens();
    const values = toks.out(its.value) as string[];
    const ids = toks.out(its.uniqueId) as number[];
    const pos = toks.out(its.pos) as string[];
    const base = tokens.length;
    let cursor = 0;
    for (let k = 0; k < values.length; k++) {
      const v = values[k];
      const p = pos[k];
      let at = input.indexOf(v, cursor);
      const found = at >= 0 && at - cursor <= 40;
      if (!found) at = cursor; // wink normalised the token: keep position
      const start = pStart + at;
      const end = Math.min(start + v.length, pEnd);
      cursor = at + v.length;
      let surface: string;
      let info: WordInfo;
      if (found && !looksHeadline) {
        // The article text at [start, end) is v itself: share wink's string.
        surface = v;
        info = wordInfo(toks, k, p, v, ids[k], irregular);
      } else {
        surface = text.slice(start, end);
        const norm = normOf(surface);
        const lemma = lemmaOf(toks, k, p, v, norm);
        info = { pos: p, lemma, norm, form: verbForm(norm, lemma, p, irregular), cap: isCap(surface), next: null };
      }
      tokens.push({
        i: tokens.length,
        start,
        end,
        text: surface,
        norm: info.norm,
        lemma: info.lemma,
        pos: p,
        tense: 'none',
        form: info.form,
        negated: false,
        sentence: -1,
        cap: info.cap,
      });
    }
    // Sentences from wink's sentence boundaries, by token counts.
    let t = base;
    const spans = wdoc.sentences().out(its.span) as [number, number][];
    for (let q = 0; q < spans.length; q++) {
      const count = spans[q][1] - spans[q][0] + 1;
      if (count <= 0) continue;
      const first = t;
      const last = Math.min(t + count, tokens.length) - 1;
      t = last + 1;
      if (last < first) continue;
      const si = sentences.length;
      for (let j = first; j <= last; j++) tokens[j].sentence = si;
      const start = tokens[first].start;
      const end = tokens[last].end;
      sentences.push({ i: si, start, end, text: text.slice(start, end), tokenStart: first, tokenEnd: last + 1, paragraph, headline: looksHeadline });
    }
    for (let j = t; j < tokens.length; j++) tokens[j].sentence = sentences.length - 1;
    paragraph++;
  }
  // Tense and participles in context; clause-trimmed negation.
  for (const s of sentences) {
    let neg = false;
    for (let j = s.tokenStart; j < s.tokenEnd; j++) {
      const tk = tokens[j];
      if (tk.form !== '') {
        if (tk.form === 'VBD') {
          // "was held": VBD after a be/have auxiliary is a participle.
          for (let b = j - 1; b >= Math.max(s.tokenStart, j - 3); b--) {
            if (PASSIVE_OR_PERFECT.has(tokens[b].norm)) { tk.form = 'VBN'; break; }
            if (tokens[b].pos !== 'ADV' && tokens[b].pos !== 'PART') break;
          }
        }
        if (tk.form === 'VBD') tk.tense = 'past';
        else if (tk.form === 'VBZ' || tk.form === 'VBP') tk.tense = 'present';
        else if (tk.form === 'VBN') {
          let past = false;
          for (let b = j - 1; b >= Math.max(s.tokenStart, j - 4); b--) if (PAST_AUX.has(tokens[b].norm)) past = true;
          tk.tense = past ? 'past' : 'none';
        }
      }
      // A clause boundary ends a negation's scope (only worth testing while one is open).
      if (neg) {
        const p = tk.pos;
        if (p === 'PUNCT' && /[,;:–—()]/.test(tk.text)) neg = false;
        else if ((p === 'CCONJ' || p === 'SCONJ' || p === 'PRON' || p === 'DET') && CLAUSE_BREAK.has(tk.norm)) neg = false;
      }
      if (NEG_CUES.has(tk.norm)) { neg = true; continue; }
      if (neg) tk.negated = true;
    }
  }
  doc.sentences = sentences;
  doc.tokens = tokens;
}

export const tenseOf = (t: Token): Tense => t.tense;
