/**
 * Recognizer: dictionary patterns over tagged tokens. One Map lookup per token (lemma and surface
 * form); a pattern's later steps are checked on the next few tokens only.
 */
import type { Token } from '../../document.js';
import type { CompiledPattern, CameoDictionary } from '../../dictionaries/cameo.js';

export interface Match {
  pattern: CompiledPattern;
  /** Anchor token index. */
  anchor: number;
  /** All token indices the pattern matched (anchor, tail, before, steps). */
  tokens: number[];
  /** First and last matched token. */
  first: number;
  last: number;
  /** A code composed from an outer verb and its complement ("agreed to withdraw" → 0356). */
  code?: string;
}

const HARD_STOP = new Set([';', ':', '.', '!', '?', '—', '–', '(', ')']);
const NEAR = 3;
const WIDE = 8;

/**
 * Verbal acts (statements, appeals, intents, consultations, diplomatic cooperation, investigations,
 * demands, disapproval, rejections, threats): an event noun in their object ("condemned Israel's
 * attack on Gaza", "demanded an end to the blockade", "welcomed the agreement between A and B") is what
 * the act is about, not a second event of the sentence.
 */
const VERBAL_ROOTS = new Set(['01', '02', '03', '04', '05', '09', '10', '11', '12', '13']);
/** How far back from an event noun its governing verb is looked for. */
const GOVERN_SPAN = 12;

/** The entries matched so far in a document, by anchor token (keyed by the document's `used` array). */
const matchedIn = new WeakMap<Uint8Array, Map<number, CompiledPattern>>();

/** Candidate order: more words first, then the more specific code (0356 before 030), then file order. */
const ordered = new Map<string, CompiledPattern[]>();
function candidates(dict: CameoDictionary, lemma: string, norm: string): CompiledPattern[] | undefined {
  const key = lemma === norm ? lemma : lemma + '\u0000' + norm;
  let list = ordered.get(key);
  if (list) return list.length ? list : undefined;
  const a = dict.index.get(lemma);
  const b = norm !== lemma ? dict.index.get(norm) : undefined;
  list = [...(a ?? []), ...(b ?? [])].sort((x, y) => y.weight - x.weight || y.entry.code.length - x.entry.code.length || x.order - y.order || (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
  if (ordered.size > 50000) ordered.clear();
  ordered.set(key, list);
  return list.length ? list : undefined;
}
let orderedFor: CameoDictionary | null = null;

/**
 * Is the event noun at i the object of a verbal act matched earlier in the sentence? The nearest verb
 * before it (within the clause: no comma or hard stop between) decides.
 */
function governedByVerbalAct(tokens: Token[], i: number, sentStart: number, used: Uint8Array): boolean {
  const seen = matchedIn.get(used);
  if (!seen) return false;
  for (let k = i - 1; k >= sentStart && k >= i - GOVERN_SPAN; k--) {
    const t = tokens[k];
    if (HARD_STOP.has(t.text) || t.text === ',') return false;
    if (t.pos !== 'VERB') continue;
    const p = seen.get(k);
    if (!p || p.entry.weak || p.entry.pos === 'noun') return false;
    return VERBAL_ROOTS.has(p.entry.code.slice(0, 2));
  }
  return false;
}

function wordMatches(t: Token, w: string): boolean {
  return t.lemma === w || t.norm === w;
}

/** Match a sequence of words adjacently from token i; returns the end index (exclusive) or -1. */
function seqAt(tokens: Token[], i: number, end: number, words: string[]): number {
  let k = i;
  for (const w of words) {
    // Hyphenated words may be one token or three ("cease-fire" / "cease - fire").
    if (k >= end) return -1;
    if (wordMatches(tokens[k], w)) {
      k++;
      continue;
    }
    if (w.includes('-')) {
      const parts = w.split('-');
      let kk = k;
      let ok = true;
      for (let p = 0; p < parts.length; p++) {
        if (kk >= end || !wordMatches(tokens[kk], parts[p])) { ok = false; break; }
        kk++;
        if (p < parts.length - 1) {
          if (kk < end && tokens[kk].text === '-') kk++;
          else { ok = false; break; }
        }
      }
      if (ok) { k = kk; continue; }
    }
    return -1;
  }
  return k;
}

/** Tags that can end a clause's subject right before its verb. */
const SUBJECT_END = new Set(['PROPN', 'NOUN', 'PRON', 'AUX', 'ADV']);

/**
 * The tagger sometimes reads a past-tense verb after its subject as an adjective with itself as lemma
 * ("Qatar mediated between …", "Police apprehended the suspect"). Returns the verb lemma that a
 * dictionary verb pattern is anchored on, or null.
 */
function pastTenseStem(dict: CameoDictionary, t: Token, prev: Token | undefined): string | null {
  if (t.pos !== 'ADJ' || !prev || !SUBJECT_END.has(prev.pos)) return null;
  const w = t.norm;
  if (w.length < 5 || !w.endsWith('ed')) return null;
  const base = w.slice(0, -2);
  const tries = [w.slice(0, -1), base];
  if (base.length > 2 && base[base.length - 1] === base[base.length - 2]) tries.push(base.slice(0, -1));
  if (w.endsWith('ied')) tries.push(w.slice(0, -3) + 'y');
  for (const stem of tries) {
    const list = dict.index.get(stem);
    if (list && list.some((p) => p.entry.pos === 'verb')) return stem;
  }
  return null;
}

function posOk(p: CompiledPattern, t: Token, prev: Token | undefined, asVerb = false): boolean {
  const pos = p.entry.pos;
  if (asVerb) return pos === 'verb';
  // "Y must do Z": the deontic modal is tagged AUX
  if (p.entry.role === 'modal-demand') return t.pos === 'AUX' || t.pos === 'VERB';
  if (pos === 'verb') return t.pos === 'VERB' || (t.pos === 'NOUN' && prev?.norm === 'to');
  if (pos === 'adj') return t.pos === 'ADJ';
  // noun: wink sometimes tags plural nouns as verbs after a determiner or adjective
  if (t.pos === 'NOUN' || t.pos === 'PROPN') return true;
  if (t.pos === 'VERB' && prev && (prev.pos === 'DET' || prev.pos === 'ADJ' || prev.pos === 'NUM' || prev.norm === "'s" || prev.pos === 'PROPN')) return t.form !== 'VBD';
  return false;
}

/** The step words present in a sentence (lemma or surface form). */
export function presentWords(dict: CameoDictionary, tokens: Token[], from: number, to: number): Set<string> {
  const out = new Set<string>();
  for (let j = from; j < to; j++) {
    const t = tokens[j];
    if (dict.stepWords.has(t.lemma)) out.add(t.lemma);
    if (t.norm !== t.lemma && dict.stepWords.has(t.norm)) out.add(t.norm);
  }
  return out;
}

/** The best pattern anchored at token i, or null. `used` marks tokens already taken by an earlier match. */
export function matchAt(dict: CameoDictionary, tokens: Token[], i: number, sentEnd: number, sentStart: number, used: Uint8Array, hasObjectActor: (m: Match) => boolean, present: Set<string>): Match | null {
  const t = tokens[i];
  const prev = i > sentStart ? tokens[i - 1] : undefined;
  let lemma = t.lemma;
  let asVerb = false;
  if (!dict.index.has(lemma) && (t.norm === lemma || !dict.index.has(t.norm))) {
    const stem = pastTenseStem(dict, t, prev);
    if (!stem) return null;
    lemma = stem;
    asVerb = true;
  }
  if (orderedFor !== dict) {
    ordered.clear();
    orderedFor = dict;
  }
  const cands = candidates(dict, lemma, t.norm);
  if (!cands) return null;
  let governed: boolean | undefined;
  for (const p of cands) {
    if (!posOk(p, t, prev, asVerb)) continue;
    if (p.entry.pos === 'noun' && (governed ??= governedByVerbalAct(tokens, i, sentStart, used))) continue;
    // A pattern whose step words do not occur in the sentence cannot match.
    if (p.firstWords.length) {
      let possible = true;
      for (const fw of p.firstWords) {
        let any = false;
        // iterate the smaller of the two sets (a step may list dozens of alternatives)
        if (fw.size <= present.size) {
          for (const w of fw) if (present.has(w)) { any = true; break; }
        } else {
          for (const w of present) if (fw.has(w)) { any = true; break; }
        }
        if (!any) { possible = false; break; }
      }
      if (!possible) continue;
    }
    const matched: number[] = [i];
    let k = i + 1;
    if (p.tail.length) {
      const e = seqAt(tokens, k, sentEnd, p.tail);
      if (e < 0) continue;
      for (let j = k; j < e; j++) matched.push(j);
      k = e;
    }
    // Steps before the anchor, nearest last; hyphens between are skipped.
    let ok = true;
    let bk = i - 1;
    for (let s = p.before.length - 1; s >= 0; s--) {
      while (bk >= sentStart && tokens[bk].text === '-') bk--;
      if (bk < sentStart || !p.before[s].some((w) => wordMatches(tokens[bk], w))) { ok = false; break; }
      matched.push(bk);
      bk--;
    }
    if (!ok) continue;
    for (const step of p.steps) {
      const limit = Math.min(sentEnd, k + (step.wide ? WIDE : NEAR) + 1);
      let found = -1;
      let foundEnd = -1;
      for (let j = k; j < limit; j++) {
        const tj = tokens[j];
        if (HARD_STOP.has(tj.text)) break;
        if (!step.wide && tj.text === ',') break;
        if (used[j]) continue;
        for (const alt of step.alts) {
          const e = seqAt(tokens, j, sentEnd, alt);
          if (e > 0) { found = j; foundEnd = e; break; }
        }
        if (found >= 0) break;
      }
      if (found < 0) { ok = false; break; }
      for (let j = found; j < foundEnd; j++) matched.push(j);
      k = foundEnd;
    }
    if (!ok) continue;
    let first = i;
    let last = i;
    for (const j of matched) {
      if (j < first) first = j;
      if (j > last) last = j;
    }
    const m: Match = { pattern: p, anchor: i, tokens: matched, first, last };
    if (p.entry.needs) {
      const has = hasObjectActor(m);
      if (p.entry.needs === 'target' && !has) continue;
      if (p.entry.needs === 'no-target' && has) continue;
    }
    let seen = matchedIn.get(used);
    if (!seen) matchedIn.set(used, (seen = new Map()));
    seen.set(i, p);
    return m;
  }
  return null;
}
