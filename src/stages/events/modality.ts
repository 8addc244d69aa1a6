/**
 * Modality of an event from cue words in its clause: negated > hypothetical > future > reported >
 * asserted. A "would" after a speech verb is future-in-the-past ("said he would call"), not a
 * hypothesis. A condition after the trigger ("should it continue", "if Russia fails") makes the
 * event hypothetical.
 */
import type { Modality, Span, Token } from '../../document.js';
import type { Ctx } from './syntax.js';
import { loadData } from '../../dictionaries/load.js';

export interface ModalityResult {
  modality: Modality;
  cue: { start: number; end: number } | null;
  /** The event is the consequence of a condition that follows it. */
  conditional: boolean;
  /** Token index of that condition's cue word. */
  condAt?: number;
}

function phraseAt(tokens: Token[], k: number, end: number, words: string[]): number {
  let j = k;
  for (const w of words) {
    if (j >= end) return -1;
    const t = tokens[j];
    if (t.norm !== w && t.lemma !== w) return -1;
    j++;
  }
  return j;
}

const CLAUSE_LEFT_STOP = new Set([';', ':', '—', '–', '“', '"', '”']);
const MODAL = new Set(['could', 'would', 'might', 'may', 'should', "'d"]);

/**
 * Look left from the verb group / noun phrase start `from` (and at the trigger itself) for cues.
 * `scanFrom` is the leftmost token of the clause we consider (the subject or clause start).
 */
export function modalityOf(c: Ctx, trigger: number, groupStart: number, scanFrom: number, isNoun: boolean): ModalityResult {
  const { tokens, cues } = c;
  const found: { kind: Modality; start: number; end: number; prio: number }[] = [];
  const prio: Record<Modality, number> = { negated: 5, hypothetical: 4, future: 3, reported: 2, asserted: 0 };
  const lo = Math.max(c.sentStart, scanFrom - 3);
  const check = (k: number, list: string[][], kind: Modality) => {
    for (const p of list) {
      const e = phraseAt(tokens, k, c.sentEnd, p);
      if (e > 0 && e <= trigger + 1) { found.push({ kind, start: k, end: e - 1, prio: prio[kind] }); return; }
    }
  };
  for (let k = trigger - 1; k >= lo; k--) {
    const t = tokens[k];
    if (CLAUSE_LEFT_STOP.has(t.text) && k < groupStart) break;
    // Only the verb group and the noun phrase carry modality for this trigger, plus a sentence-initial
    // conditional ("If Russia attacks, …") handled below.
    if (k < groupStart - (isNoun ? 3 : 0) && !(t.norm === 'if' || t.norm === 'unless' || t.norm === 'until' || t.norm === 'without')) continue;
    check(k, cues.negated, 'negated');
    check(k, cues.hypothetical, 'hypothetical');
    check(k, cues.future, 'future');
    check(k, cues.reported, 'reported');
  }
  // Headline infinitive or "is to": "Trump to call Putin", "X is to visit".
  if (groupStart > c.sentStart && tokens[trigger - 1]?.norm === 'to') {
    const before = tokens[trigger - 2];
    const headline = c.doc.sentences[tokens[trigger].sentence]?.headline;
    if (before && (before.lemma === 'be' || (headline && (before.pos === 'PROPN' || before.pos === 'NOUN' || c.at[trigger - 2]))))
      found.push({ kind: 'future', start: trigger - 1, end: trigger - 1, prio: prio.future });
  }
  // "refrained from criticizing", "has shown restraint in criticizing", "stopped short of recognising": the
  // embedded act did not happen. The cue ends right before the trigger (an adverb may stand between).
  if (!isNoun && trigger > c.sentStart) {
    let j = trigger - 1;
    if (j > c.sentStart && tokens[j].pos === 'ADV') j--;
    const idx = restraintCues();
    const cands = idx.get(tokens[j].norm) ?? idx.get(tokens[j].lemma);
    if (cands) {
      for (const p of cands) {
        const k = j - p.length + 1;
        if (k < c.sentStart) continue;
        if (phraseAt(tokens, k, j + 1, p) === j + 1) { found.push({ kind: 'negated', start: k, end: j, prio: prio.negated }); break; }
      }
    }
  }
  if (tokens[trigger].negated && !isNoun) {
    // segment's clause-trimmed negation flag: locate the cue for the evidence
    let cue = -1;
    for (let k = trigger - 1; k >= Math.max(lo, trigger - 6); k--) if (tokens[k].norm === 'not' || tokens[k].norm === "n't" || tokens[k].norm === 'never' || tokens[k].norm === 'no') { cue = k; break; }
    if (cue >= 0) found.push({ kind: 'negated', start: cue, end: cue, prio: prio.negated });
  }
  if (isNoun) {
    // "a direct Trump-Putin dialogue could be …", "the summit will take place"
    const n = tokens[trigger + 1];
    if (n && (n.norm === 'could' || n.norm === 'would' || n.norm === 'might' || n.norm === 'may')) found.push({ kind: 'hypothetical', start: trigger + 1, end: trigger + 1, prio: prio.hypothetical });
    else if (n && (n.norm === 'will' || n.norm === 'shall')) found.push({ kind: 'future', start: trigger + 1, end: trigger + 1, prio: prio.future });
  }
  // "would" after a speech verb: future in the past.
  for (const f of found) {
    if (f.kind === 'hypothetical' && (tokens[f.start].norm === 'would' || tokens[f.start].norm === "'d")) {
      for (let k = f.start - 1; k >= c.sentStart; k--) {
        if (tokens[k].pos === 'VERB' && cues.reporting.has(tokens[k].lemma)) { f.kind = 'future'; f.prio = prio.future; break; }
      }
    }
  }
  // A condition after the trigger: "… should it continue to stall", "… if Russia fails to …".
  let conditional = false;
  let condAt = -1;
  for (let k = trigger + 1; k < c.sentEnd; k++) {
    const t = tokens[k];
    if (t.text === ';') break;
    if (cues.condition.has(t.norm)) {
      if (t.norm === 'should') {
        const n = tokens[k + 1];
        if (!n || !(n.pos === 'PRON' || c.at[k + 1] || n.pos === 'PROPN' || n.pos === 'DET')) continue;
        if (k > 0 && (tokens[k - 1].pos === 'PRON' || tokens[k - 1].pos === 'NOUN' || tokens[k - 1].pos === 'PROPN') && !(tokens[k - 1].pos === 'NOUN' && n.pos === 'PRON')) {
          // "they should meet" is a modal, not an inverted condition
          if (tokens[k - 1].pos !== 'NOUN') continue;
        }
      }
      found.push({ kind: 'hypothetical', start: k, end: k, prio: prio.hypothetical });
      conditional = true;
      condAt = k;
      break;
    }
    // Another finite verb before the condition: the condition belongs to that clause.
    if (isFiniteVerbTok(t) || t.text === '.') break;
  }
  if (!found.length) return { modality: 'asserted', cue: null, conditional: false };
  found.sort((a, b) => b.prio - a.prio || b.start - a.start);
  const best = found[0];
  return { modality: best.kind, cue: { start: tokens[best.start].start, end: tokens[best.end].end }, conditional, condAt };
}

let restraint: Map<string, string[][]> | null = null;
/** Cues of kind "negated-embedding" in data/verbs/cues.json, indexed by their last word, longest first. */
function restraintCues(): Map<string, string[][]> {
  if (restraint) return restraint;
  const f = loadData<{ kind: string; words: string[] }>('verbs/cues.json', (e) => (typeof e.kind === 'string' && Array.isArray(e.words) ? null : 'needs kind and words[]'));
  const all = f.entries.filter((e) => e.kind === 'negated-embedding').flatMap((e) => e.words.map((w) => w.toLowerCase().split(/\s+/)));
  all.sort((a, b) => b.length - a.length);
  restraint = new Map();
  for (const p of all) {
    const last = p[p.length - 1];
    (restraint.get(last) ?? restraint.set(last, []).get(last)!).push(p);
  }
  return restraint;
}

export function spanOf(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) };
}

export function isModal(t: Token): boolean {
  return MODAL.has(t.norm);
}

function isFiniteVerbTok(t: Token): boolean {
  return (t.pos === 'VERB' || t.pos === 'AUX') && (t.form === 'VBD' || t.form === 'VBZ' || t.form === 'VBP' || t.form === 'MD');
}
