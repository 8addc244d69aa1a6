/**
 * Recognizer: dictionary patterns over tagged tokens. One Map lookup per token (lemma and surface
 * form); a pattern's later steps are checked on the next few tokens only.
 */
import type { Token } from '../../document.js';
import { composeCode, type CompiledPattern, type CameoDictionary } from '../../dictionaries/cameo.js';
import { POSS_PRON } from './generic.js';

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

/** Candidate order: best rank first (see rank), then file order; equal ranks are decided in matchAt. */
interface Ranked {
  list: CompiledPattern[];
  ranks: number[];
  /** Which parts of speech the list holds (a cheap exit for tokens no entry can fit). */
  verb: boolean;
  noun: boolean;
  other: boolean;
}
const EMPTY: Ranked = { list: [], ranks: [], verb: false, noun: false, other: false };
/** lemma → surface form → ranked candidates (the surface level only where it differs from the lemma). */
const ordered = new Map<string, Map<string, Ranked>>();
function candidates(dict: CameoDictionary, lemma: string, norm: string): Ranked {
  let byNorm = ordered.get(lemma);
  if (!byNorm) ordered.set(lemma, (byNorm = new Map()));
  const key = norm === lemma ? '' : norm;
  let hit = byNorm.get(key);
  if (hit) return hit;
  const a = dict.index.get(lemma);
  const b = key ? dict.index.get(norm) : undefined;
  const list = [...(a ?? []), ...(b ?? [])].sort((x, y) => rank(y) - rank(x) || x.order - y.order || (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
  hit = list.length
    ? {
        list,
        ranks: list.map(rank),
        verb: list.some((p) => p.entry.pos === 'verb' && !p.entry.role),
        noun: list.some((p) => p.entry.pos === 'noun'),
        other: list.some((p) => p.entry.pos === 'adj' || !!p.entry.role),
      }
    : EMPTY;
  if (ordered.size > 50000) ordered.clear();
  byNorm.set(key, hit);
  return hit;
}
let orderedFor: CameoDictionary | null = null;

/** Steps made only of these words say little about the event ("accused X of"). */
const FUNCTION_WORDS = new Set(['of', 'to', 'for', 'with', 'on', 'upon', 'at', 'in', 'into', 'from', 'against', 'about', 'over', 'by', 'as', 'that', 'out', 'up', 'down', 'off', 'back', 'away', 'a', 'an', 'the']);
const ranks = new WeakMap<CompiledPattern, number>();
/** A pattern's rank: its word count, less half a point per step made only of function words. */
function rank(p: CompiledPattern): number {
  let r = ranks.get(p);
  if (r === undefined) {
    r = p.weight;
    for (const st of p.steps) if (st.alts.every((a) => a.length === 1 && FUNCTION_WORDS.has(a[0]))) r -= 0.5;
    ranks.set(p, r);
  }
  return r;
}

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
    const p = seen.get(k);
    if (!p) {
      if (t.pos === 'VERB') return false;
      continue;
    }
    if (p.entry.pos === 'noun') continue;
    return !p.entry.weak && VERBAL_ROOTS.has(p.entry.code.slice(0, 2));
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
  // "Israeli-occupied", "Saudi-led": a participle joined by a hyphen is a modifier, not a verb
  // a verb never directly follows a determiner or a possessive ("with Albania's help", "the attack")
  // (nor a possessive determiner: "its threatened invasion"; "her" is also an object: "made her resign")
  if (pos === 'verb') return (t.pos === 'VERB' && !(prev?.text === '-' && (t.form === 'VBN' || t.form === 'VBD')) && prev?.pos !== 'DET' && prev?.norm !== "'s" && !(prev && prev.norm !== 'her' && POSS_PRON.has(prev.norm))) || (t.pos === 'NOUN' && prev?.norm === 'to');
  if (pos === 'adj') return t.pos === 'ADJ';
  // noun: wink sometimes tags plural nouns as verbs after a determiner or adjective
  if (t.pos === 'NOUN' || t.pos === 'PROPN') return true;
  // (not a gerund: "… according to", "… demanding that")
  if (t.pos === 'VERB' && prev && (prev.pos === 'DET' || prev.pos === 'ADJ' || prev.pos === 'NUM' || prev.norm === "'s" || prev.pos === 'PROPN')) return t.form !== 'VBD' && t.form !== 'VBG';
  return false;
}

/** The step words present in a sentence (lemma or surface form). */
export function presentWords(dict: CameoDictionary, tokens: Token[], from: number, to: number): Set<string> {
  const out = new Set<string>();
  for (let j = from; j < to; j++) {
    const t = tokens[j];
    if (t.pos === 'PUNCT') continue;
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
  const ranked = candidates(dict, lemma, t.norm);
  const { list: cands, ranks } = ranked;
  // no entry of a fitting part of speech: nothing can match here
  if (!ranked.other && !asVerb) {
    const verbOk = ranked.verb && (t.pos === 'VERB' || t.pos === 'NOUN');
    const nounOk = ranked.noun && (t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'VERB');
    if (!verbOk && !nounOk) return null;
  }
  const next = i + 1 < sentEnd ? tokens[i + 1] : undefined;
  // "warplanes, supported by Russia, pounded …", "the internationally recognised government": a past
  // participle that modifies a noun is not the clause's verb
  const modifier = !asVerb && !!prev && !!next &&
    (((t.form === 'VBN' || t.form === 'VBD') && (prev.pos === 'NOUN' || prev.pos === 'PROPN' || prev.text === ',') && next.norm === 'by' && i + 2 < sentEnd && tokens[i + 2].pos !== 'VERB') ||
      (t.form === 'VBN' && (prev.pos === 'ADV' || prev.pos === 'DET' || prev.pos === 'ADJ') && (next.pos === 'NOUN' || next.pos === 'PROPN')));
  // headline present tense read as a plural noun after the actor: "Japan lifts sanctions on India"
  // (in a headline: the text's first sentence, or one without final punctuation)
  if (!asVerb && (sentStart === 0 || tokens[sentEnd - 1].pos !== 'PUNCT') && headlineVerb(t, prev, next, cands)) asVerb = true;
  let governed: boolean | undefined;
  let background: boolean | undefined;
  let best: Match | null = null;
  let bestRank = -1;
  for (let c = 0; c < cands.length; c++) {
    const p = cands[c];
    const r = ranks[c];
    // candidates come best rank first: once one matched, only equally ranked ones can compete
    if (best && r < bestRank) break;
    if (p.entry.pos === 'verb' && modifier) continue;
    if (!posOk(p, t, prev, asVerb)) continue;
    if (p.entry.pos === 'noun') {
      if (governed ??= governedByVerbalAct(tokens, i, sentStart, used)) continue;
      // "truce monitors", "aid workers": a bare event noun that modifies the next noun is not the event
      if (!p.steps.length && !p.tail.length && i + 1 < sentEnd && (tokens[i + 1].pos === 'NOUN' || (t.cap && i > sentStart && tokens[i + 1].pos === 'PROPN' && tokens[i + 1].cap))) continue;
      // "despite warnings", "amid protests": background, not an event of the sentence
      if (background ??= inBackgroundPhrase(tokens, i, sentStart)) continue;
    }
    const m = tryPattern(p, tokens, i, sentEnd, sentStart, used, present);
    if (!m) continue;
    if (p.entry.needs) {
      const has = hasObjectActor(m);
      if (p.entry.needs === 'target' && !has) continue;
      if (p.entry.needs === 'no-target' && has) continue;
    }
    // equally ranked: more matched words, then the more compact match, then the part of speech the
    // tagger gave, then the more specific code (list order breaks ties)
    if (!best || better(m, best, t, asVerb)) {
      best = m;
      bestRank = r;
    }
  }
  if (!best) return null;
  if (best.pattern.entry.block) {
    // a blocking phrase: its words are not an event and cannot be part of one
    for (const k of best.tokens) used[k] = 1;
    return null;
  }
  let seen = matchedIn.get(used);
  if (!seen) matchedIn.set(used, (seen = new Map()));
  seen.set(i, best.pattern);
  if (absorbedIntoProtest(dict, best, tokens, sentStart, used, seen)) return null;
  if (absorbedIntoThatClause(dict, best, tokens, sentStart, used, seen)) return null;
  {
    // (after the protest and that-clause rules, which fold a dependent act into the act's code)
    const why = subordinate(tokens, best, sentStart, used);
    if (why) {
      // a dependent act of an event already coded in the sentence: its words belong to that event
      for (const k of best.tokens) used[k] = 1;
      const sm = sentMatches.get(used);
      if (sm && sm.sentStart === sentStart) {
        sm.dep = best;
        sm.depClause = why === 'adverbial-clause' || why === 'relative-clause' || (why === 'inside-dependent' && sm.depClause);
      }
      return null;
    }
  }
  takeCodeOfViolentSubject(dict, best, tokens, sentStart, seen);
  lastMatch.set(used, best);
  let sm = sentMatches.get(used);
  if (!sm || sm.sentStart !== sentStart) sentMatches.set(used, (sm = { sentStart, list: [], dep: null, depClause: false }));
  sm.list.push(best);
  return best;
}

/** Roots of force: assault, fight, mass violence. */
const FORCE = new Set(['18', '19', '20']);

/** Is the infinitive whose "to" is at k the complement index.ts folds into the embedding act `gov`? */
function ownComplement(tokens: Token[], gov: Match, k: number): boolean {
  if (k - gov.anchor > 8) return false;
  for (let j = gov.anchor + 1; j < k; j++) {
    const t = tokens[j];
    if (t.text === ',' || HARD_STOP.has(t.text)) return false;
    if (t.pos === 'VERB' && !gov.tokens.includes(j)) return false;
  }
  return true;
}

/** Add a dependent match's words to the act that governs it, so that its object can be the act's target. */
function joinSpan(gov: Match, m: Match): void {
  for (const k of m.tokens) {
    if (gov.tokens.includes(k)) continue;
    gov.tokens.push(k);
    if (k > gov.last) gov.last = k;
  }
}

/** The matches returned so far in the current sentence of a document (keyed by its `used` array). */
const sentMatches = new WeakMap<Uint8Array, { sentStart: number; list: Match[]; dep: Match | null; depClause: boolean }>();

/** Roots whose infinitive complement index.ts folds into the act itself ("agreed to withdraw", "threatened to strike"). */
const EMBEDDING = new Set(['02', '03', '10', '11', '12', '13']);
/** Words that open an adverbial clause: what it says is background or condition of the main act. */
const SUBORDINATOR = new Set(['after', 'before', 'when', 'whenever', 'since', 'because', 'as', 'while', 'whilst', 'although', 'though', 'if', 'unless', 'until', 'once', 'whereas', 'despite', 'amid', 'following', 'without', 'where']);
/** Relative pronouns: a verb right after one (with its subject) describes the noun before it. */
const RELATIVE = new Set(['who', 'which', 'that', 'whom', 'whose']);
/** Tokens that open a verb group. */
const GROUP_VERB = new Set(['AUX', 'VERB', 'ADV', 'PART']);
/** Finite verb forms. */
const FINITE = new Set(['VBD', 'VBZ', 'VBP', 'MD']);
/** Tokens a noun phrase (a clause's subject or a verb's object) is made of. */
const NP_PART = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM', 'PRON']);
/** Tokens of a verb group before its main verb ("has been", "will not", "had already"). */
const GROUP_PART = new Set(['AUX', 'ADV', 'PART']);

/**
 * Is the match a dependent act of an event already coded earlier in its sentence? One sentence of news
 * reports one act; what hangs off it is its purpose, its circumstances or a description of a participant:
 * - a purpose or complement infinitive ("met X to discuss", "praised the decision to recognise");
 * - a participle that modifies a noun of the main clause ("activists detained while …", "a soldier killed
 *   in …", "a campaign targeting …");
 * - a relative clause ("a fire that killed 100 people", "Olmert, who had been sentenced …");
 * - an adverbial clause ("after X accused Y", "when troops expelled them", "if Israel hits Beirut").
 * A participle clause after a comma (", killing five officers", ", expressing hope that …") is left alone:
 * it shares the main clause's subject but reports an act of its own.
 * Embedding acts (appeals, intents, demands, accusations, rejections, threats) fold their own complement
 * in index.ts, so their infinitive is left alone here. Returns the reason, or null.
 */
function subordinate(tokens: Token[], m: Match, sentStart: number, used: Uint8Array): string | null {
  const sm = sentMatches.get(used);
  if (!sm || sm.sentStart !== sentStart) return null;
  let gov: Match | null = null;
  for (let j = sm.list.length - 1; j >= 0; j--) {
    const g = sm.list[j];
    if (g.anchor < m.anchor && !g.pattern.entry.weak && !g.pattern.entry.block && g.pattern.entry.pos !== 'noun') { gov = g; break; }
  }
  if (!gov) return null;
  const e = m.pattern.entry;
  const i = m.anchor;
  const t = tokens[i];
  // inside a dependent clause already dropped ("after officials alleged that the North admitted …",
  // "when the junta expelled troops and seized …"): the same clause, up to a comma or "but"
  const dep = sm.dep;
  if (dep && dep.anchor > gov.anchor && dep.anchor < i) {
    let inside = true;
    for (let k = dep.last + 1; k < m.first && inside; k++) {
      const tk = tokens[k];
      if (tk.text === ',' || tk.norm === 'but' || HARD_STOP.has(tk.text)) inside = false;
      // "… would consider charging him and would seek to extradite him": a verb group after "and"
      // coordinates with the main act, not with the dropped one
      // (a dropped adverbial or relative clause goes on after "and": "when the junta expelled … and seized …")
      else if (!sm.depClause && (tk.norm === 'and' || tk.norm === 'or') && k + 1 < tokens.length && GROUP_VERB.has(tokens[k + 1].pos)) inside = false;
    }
    if (inside) return 'inside-dependent';
  }
  if (e.pos === 'noun') {
    // an event noun after the clause's act is its object, its topic or a circumstance ("refused a request
    // to visit the prison", "pledged support despite the attack"), unless it opens a clause of its own
    // as the subject of a later verb
    for (let k = m.last + 1; k < Math.min(tokens.length, m.last + 3); k++) {
      const n = tokens[k];
      // (a finite verb: "to keep trade flowing" is still the act's own business)
      if (n.pos === 'AUX' || (n.pos === 'VERB' && FINITE.has(n.form))) return null;
      if (n.pos !== 'ADV') break;
    }
    return 'object-noun';
  }
  // the verb group: auxiliaries, adverbs and "not" before the verb
  let g = i - 1;
  while (g > sentStart && GROUP_PART.has(tokens[g].pos) && tokens[g].norm !== 'to') g--;
  const before = g >= sentStart ? tokens[g] : undefined;
  if (!before) return null;
  // purpose / complement infinitive
  if (before.norm === 'to' && g + 1 <= i) {
    // (only its own complement, the one index.ts can reach: within 8 tokens, no comma or other verb between)
    if (EMBEDDING.has(gov.pattern.entry.code.slice(0, 2)) && ownComplement(tokens, gov, g)) return null;
    let comma = false;
    for (let k = g - 1; k > gov.last; k--) {
      if (HARD_STOP.has(tokens[k].text)) return null;
      if (tokens[k].text === ',') comma = true;
    }
    // the purpose's object can still be the act's target ("donated ventilators to assist Ethiopia")
    if (!comma) joinSpan(gov, m);
    return 'infinitive';
  }
  const finite = g === i - 1;
  // "is considering sending aid", "stopped shelling": a gerund right after the act is its complement
  if (finite && t.form === 'VBG' && g === gov.last && tokens[g].pos === 'VERB') return 'gerund-complement';
  // "an appeal for help": a base form right after a preposition is a noun the tagger read as a verb
  if (finite && (before.pos === 'ADP' || before.norm === 'for' || before.norm === 'of') && t.form !== 'VBG' && t.form !== 'VBN' && t.form !== 'VBD') return 'object-noun';
  // "charging its neighbour with supporting dissidents", "suspected of blowing up a plane": a gerund after a
  // preposition is an adjunct or the topic of the act
  if (finite && t.form === 'VBG' && before.pos === 'ADP' && before.norm !== 'to') return 'gerund-adjunct';
  // a participle right after a noun or after a comma: a modifier or a participle clause
  if (finite && (t.form === 'VBN' || t.form === 'VBD' || t.form === 'VBG')) {
    if (before.pos === 'NOUN' || before.pos === 'PROPN' || (before.text === ',' && t.form !== 'VBG' && i - 2 >= sentStart && (tokens[i - 2].pos === 'PROPN' || tokens[i - 2].pos === 'NOUN'))) {
      // walk left over the noun phrase: what governs it decides whether it is an object (a modifier
      // follows) or a new clause's subject (the verb is that clause's own)
      let k = before.text === ',' ? i - 2 : i - 1;
      while (k > sentStart && (NP_PART.has(tokens[k].pos) || tokens[k].text === '-' || tokens[k].norm === "'s")) k--;
      const h = tokens[k];
      if (k > gov.anchor && (h.pos === 'ADP' || (used[k] && h.pos === 'VERB') || (h.pos === 'VERB' && k <= gov.last))) return 'modifier';
      if (k >= gov.first && k <= gov.last) return 'modifier';
    }
  }
  // a verb coordinated with the act, sharing its subject ("rejects and condemns", "attacked … and killed")
  if (finite && (before.norm === 'and' || before.norm === 'but' || before.norm === 'or') && g > gov.anchor) {
    let h = g - 1;
    while (h > gov.last && tokens[h].pos === 'ADV') h--;
    // "rejects and condemns the decision": the two verbs share the object
    const adjacent = h === gov.anchor && gov.last === gov.anchor;
    // two acts of force by one subject ("stormed the base and killed 26 soldiers") are one incident;
    // other acts in a row are separate ("criticized X and floated sanctions", "expelled … and banned …")
    if (!adjacent && !(FORCE.has(gov.pattern.entry.code.slice(0, 2)) && FORCE.has(e.code.slice(0, 2)))) return null;
    if (adjacent) joinSpan(gov, m);
    return 'coordinated';
  }
  // walk left over the clause's subject to the word that opens the clause
  let k = g;
  if (!SUBORDINATOR.has(before.norm) && !RELATIVE.has(before.norm)) {
    while (k > sentStart && (NP_PART.has(tokens[k].pos) || tokens[k].text === '-' || tokens[k].norm === "'s") && !RELATIVE.has(tokens[k].norm)) k--;
  }
  if (k <= gov.last) return null;
  const open = tokens[k];
  if (SUBORDINATOR.has(open.norm)) return 'adverbial-clause';
  if (RELATIVE.has(open.norm) && k > sentStart) {
    const p = tokens[k - 1];
    if (p.pos === 'NOUN' || p.pos === 'PROPN' || p.text === ',' || (open.norm !== 'that' && p.pos === 'ADP')) return 'relative-clause';
  }
  return null;
}

const QUANTITY = new Set(['dozens', 'hundreds', 'thousands', 'scores', 'millions']);
const BACKGROUND = new Set(['despite', 'amid', 'amidst', 'notwithstanding']);
const NP_INSIDE = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM']);
/** Is the noun at i inside a noun phrase introduced by a concessive or circumstantial preposition? */
function inBackgroundPhrase(tokens: Token[], i: number, sentStart: number): boolean {
  for (let k = i - 1; k >= sentStart && k >= i - 6; k--) {
    const t = tokens[k];
    if (BACKGROUND.has(t.norm)) return true;
    if (!NP_INSIDE.has(t.pos) && t.norm !== "'s" && t.text !== '-') return false;
  }
  return false;
}

function headlineVerb(t: Token, prev: Token | undefined, next: Token | undefined, cands: CompiledPattern[]): boolean {
  if (t.pos !== 'NOUN' || prev?.pos !== 'PROPN' || !t.norm.endsWith('s') || !next) return false;
  if (!cands.some((p) => p.entry.pos === 'verb')) return false;
  // a determiner, a name or a quantity right after "lifts" / "releases" makes it the verb
  if (next.pos === 'DET' || next.pos === 'PROPN' || QUANTITY.has(next.norm)) return true;
  if (next.pos !== 'NOUN' && next.pos !== 'ADJ') return false;
  return !cands.some((p) => p.entry.pos === 'noun');
}

function better(m: Match, than: Match, t: Token, asVerb: boolean): boolean {
  if (m.tokens.length !== than.tokens.length) return m.tokens.length > than.tokens.length;
  const a = m.last - m.first;
  const b = than.last - than.first;
  if (a !== b) return a < b;
  const verbTag = asVerb || t.pos === 'VERB';
  const fa = (m.pattern.entry.pos === 'verb') === verbTag;
  const fb = (than.pattern.entry.pos === 'verb') === verbTag;
  if (fa !== fb) return fa;
  return m.pattern.entry.code.length > than.pattern.entry.code.length;
}

/** Match one pattern anchored at i, or null. */
function tryPattern(p: CompiledPattern, tokens: Token[], i: number, sentEnd: number, sentStart: number, used: Uint8Array, present: Set<string>): Match | null {
  // A pattern whose step words do not occur in the sentence cannot match.
  if (p.firstWords.length) {
    for (const fw of p.firstWords) {
      let any = false;
      // iterate the smaller of the two sets (a step may list dozens of alternatives)
      if (fw.size <= present.size) {
        for (const w of fw) if (present.has(w)) { any = true; break; }
      } else {
        for (const w of present) if (fw.has(w)) { any = true; break; }
      }
      if (!any) return null;
    }
  }
  const matched: number[] = [i];
  let k = i + 1;
  if (p.tail.length) {
    const e = seqAt(tokens, k, sentEnd, p.tail);
    if (e < 0) return null;
    for (let j = k; j < e; j++) matched.push(j);
    k = e;
  }
  // Steps before the anchor, nearest last; hyphens between are skipped.
  let bk = i - 1;
  for (let s = p.before.length - 1; s >= 0; s--) {
    while (bk >= sentStart && tokens[bk].text === '-') bk--;
    if (bk < sentStart || !p.before[s].some((w) => wordMatches(tokens[bk], w))) return null;
    matched.push(bk);
    bk--;
  }
  for (let si = 0; si < p.steps.length; si++) {
    const step = p.steps[si];
    const starts = p.firstWords[si];
    const limit = Math.min(sentEnd, k + (step.wide ? WIDE : NEAR) + 1);
    let found = -1;
    let foundEnd = -1;
    for (let j = k; j < limit; j++) {
      const tj = tokens[j];
      if (HARD_STOP.has(tj.text)) break;
      if (!step.wide && tj.text === ',') break;
      if (used[j]) continue;
      // no alternative can start on a word that is not one of the step's first words
      if (!starts.has(tj.lemma) && !starts.has(tj.norm)) continue;
      for (const alt of step.alts) {
        const e = seqAt(tokens, j, sentEnd, alt);
        if (e > 0) { found = j; foundEnd = e; break; }
      }
      if (found >= 0) break;
    }
    if (found < 0) return null;
    for (let j = found; j < foundEnd; j++) matched.push(j);
    k = foundEnd;
  }
  let first = i;
  let last = i;
  for (const j of matched) {
    if (j < first) first = j;
    if (j > last) last = j;
  }
  return { pattern: p, anchor: i, tokens: matched, first, last };
}

/** The last match returned in a document (keyed by its `used` array). */
const lastMatch = new WeakMap<Uint8Array, Match>();
/** CAMEO 14xy: protest (141 demonstrate, 142 hunger strike, 143 strike/boycott, 144 block, 145 riot) for a demand of kind y. */
const DEMAND_KIND: Record<string, string> = { '1041': '1', '1042': '2', '1043': '3', '1044': '4', '0241': '1', '0242': '2', '0243': '3', '0244': '4' };

/**
 * "blocked roads … demanding that he be reinstated", "continued their hunger strike to demand the
 * resignation of …": a demand or appeal that follows a protest in the same clause is the protest's
 * purpose. The protest takes the demand's kind (1441, 1421, …) and the demand is no event of its own.
 */
function absorbedIntoProtest(dict: CameoDictionary, m: Match, tokens: Token[], sentStart: number, used: Uint8Array, seen: Map<number, CompiledPattern>): boolean {
  const e = m.pattern.entry;
  const root = e.code.slice(0, 2);
  if ((root !== '10' && root !== '02') || e.pos === 'noun') return false;
  const prot = lastMatch.get(used);
  if (!prot || prot.anchor >= m.anchor || prot.anchor < sentStart || m.anchor - prot.last > GOVERN_SPAN) return false;
  const pcode = prot.code ?? prot.pattern.entry.code;
  if (!pcode.startsWith('14') || prot.pattern.entry.pos === 'noun') return false;
  for (let k = prot.last + 1; k < m.anchor; k++) if (HARD_STOP.has(tokens[k].text)) return false;
  const y = DEMAND_KIND[e.code];
  if (y && pcode.length === 3 && pcode !== '140') {
    const c = pcode + y;
    if (dict.codes.has(c)) prot.code = c;
  }
  for (const k of m.tokens) used[k] = 1;
  seen.set(m.anchor, m.pattern);
  return true;
}

const THAT_KIND: Record<string, 'appeal' | 'demand' | 'threat'> = { '02': 'appeal', '10': 'demand', '13': 'threat' };
/**
 * Substantive comments, accusations and rejections (not bare "said"): their that-clause is what is hoped,
 * denied, alleged or rejected ("voiced hope that Greece will help Turkey", "denied charges that it tortured
 * a priest"), so the act in it is not coded by itself; the outer code stays as it is.
 */
const THAT_CONTENT = new Set(['01', '11', '12']);

/**
 * "demanded that Israel ease restrictions", "warned that it would strike": the act in a that-clause of
 * an appeal, demand or threat (or of a comment, accusation or rejection, THAT_CONTENT) is what is asked
 * for, threatened, alleged or denied, not an event of its own. A generic
 * outer code takes the composed code (1051, 138 …).
 */
function absorbedIntoThatClause(dict: CameoDictionary, m: Match, tokens: Token[], sentStart: number, used: Uint8Array, seen: Map<number, CompiledPattern>): boolean {
  const e = m.pattern.entry;
  if (e.pos !== 'verb' || e.weak || e.block) return false;
  const outer = lastMatch.get(used);
  if (!outer || outer.anchor >= m.anchor || outer.anchor < sentStart || m.anchor - outer.last > GOVERN_SPAN) return false;
  const oe = outer.pattern.entry;
  const oroot = oe.code.slice(0, 2);
  const kind = THAT_KIND[oroot];
  if ((!kind && !THAT_CONTENT.has(oroot)) || oe.weak || oe.pos === 'noun') return false;
  let that = false;
  for (let k = outer.last + 1; k < m.anchor; k++) {
    const t = tokens[k];
    if (HARD_STOP.has(t.text)) return false;
    if (t.norm === 'that') that = true;
    else if (t.pos === 'VERB' && !used[k]) return false;
  }
  if (!that) return false;
  const ocode = outer.code ?? oe.code;
  if (kind && ocode.length === 3 && ocode.endsWith('0')) {
    const c = composeCode(kind, m.code ?? e.code);
    if (c && dict.codes.has(c)) outer.code = c;
  }
  for (const k of m.tokens) used[k] = 1;
  seen.set(m.anchor, m.pattern);
  return true;
}

/** Generic force verbs whose subject may be the event noun that names the act ("a roadside bombing killed …"). */
const GENERIC_FORCE = new Set(['190', '180', '200']);

/**
 * "A car bombing killed five soldiers", "an airstrike wounded ten civilians": when a generic force verb
 * follows an event noun of a violent root in its clause, the noun names the act: the verb event takes
 * its more specific code (the noun alone carries no target).
 */
function takeCodeOfViolentSubject(dict: CameoDictionary, m: Match, tokens: Token[], sentStart: number, seen: Map<number, CompiledPattern>): void {
  const e = m.pattern.entry;
  if (e.pos !== 'verb' || !GENERIC_FORCE.has(e.code)) return;
  for (let k = m.anchor - 1; k >= sentStart && k >= m.anchor - GOVERN_SPAN; k--) {
    const t = tokens[k];
    if (HARD_STOP.has(t.text)) return;
    if (t.pos === 'VERB' && !seen.has(k)) return;
    const p = seen.get(k);
    if (!p) continue;
    const root = p.entry.code.slice(0, 2);
    if (p.entry.pos === 'noun' && (root === '18' || root === '19' || root === '20') && !GENERIC_FORCE.has(p.entry.code) && dict.codes.has(p.entry.code)) {
      m.code = p.entry.code;
    }
    return;
  }
}
