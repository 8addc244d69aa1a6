/**
 * CAMEO knowledge as data: the ontology (data/ontology/cameo.json, generated from the codebooks),
 * the verb and noun pattern dictionaries (data/verbs/verbs.json, nouns.json) and the modality and
 * clause cues (data/verbs/cues.json). Everything is loaded once per process and indexed by the
 * anchor word, so the events stage does one Map lookup per token.
 */
import { loadData, sourceTag } from './load.js';

export interface CameoCode {
  code: string;
  name: string;
  goldstein: number;
  root: string;
  quad: 1 | 2 | 3 | 4;
  plover: { type: string; mode: string | null; context: string | null } | null;
  note?: string;
}

export interface PatternEntry {
  id: string;
  pattern: string;
  code: string;
  pos: 'verb' | 'noun' | 'adj';
  reciprocal?: boolean;
  weak?: boolean;
  needs?: 'target' | 'no-target';
  /** `modal-demand`: "Y must do Z" inside reported speech — the speaker demands it of Y. */
  role?: 'modal-demand';
  /**
   * Not an event: a phrase that would otherwise be read as the entry's code ("fight poverty",
   * "hit a record high", "shoot a film"). Its words are consumed and nothing is coded.
   */
  block?: boolean;
  note: string;
}

/** One step of a pattern: alternatives, each a sequence of words matched adjacently. */
export interface Step {
  alts: string[][];
  /** Up to 8 tokens may come between this step and the previous one (else 3). */
  wide: boolean;
}

export interface CompiledPattern {
  entry: PatternEntry;
  /** `verbs` or `nouns`: the data file. */
  file: 'verbs' | 'nouns';
  /** Words after the anchor word that must follow it directly (multi-word anchor alternative). */
  tail: string[];
  /** Steps that must directly precede the anchor, nearest last. */
  before: string[][];
  steps: Step[];
  /** Per step, the first word of each alternative (and of its hyphen parts): a cheap pre-filter. */
  firstWords: Set<string>[];
  /** Number of words the pattern matches: the more, the more specific. */
  weight: number;
  /** Order in its file (ties go to the earlier entry). */
  order: number;
  source: string;
}

export interface Cues {
  future: string[][];
  hypothetical: string[][];
  negated: string[][];
  reported: string[][];
  condition: Set<string>;
  reporting: Set<string>;
  light: Set<string>;
  chain: Set<string>;
  targetPrep: Set<string>;
  nounTargetPrep: Set<string>;
  relative: Set<string>;
}

export interface CameoDictionary {
  codes: Map<string, CameoCode>;
  /** anchor word (lemma or surface, lower case) → patterns anchored on it. */
  index: Map<string, CompiledPattern[]>;
  cues: Cues;
  /** act code prefix → intent (03) and threat (13) codes, longest prefix first. */
  compose: { act: string; intent: string | null; threat: string | null }[];
  /** Every word that starts a pattern step (for the per-sentence pre-filter). */
  stepWords: Set<string>;
  counts: { verbs: number; nouns: number; codes: number };
}

const VALID_POS = new Set(['verb', 'noun', 'adj']);

function checkPattern(codes: Map<string, CameoCode>) {
  return (e: PatternEntry): string | null => {
    if (typeof e.id !== 'string' || !e.id) return 'needs an id';
    if (typeof e.pattern !== 'string' || !e.pattern.trim()) return 'needs a pattern';
    if (!codes.has(e.code)) return `unknown CAMEO code ${e.code}`;
    if (!VALID_POS.has(e.pos)) return `pos must be verb, noun or adj`;
    if (typeof e.note !== 'string' || !e.note) return 'needs a note';
    if (e.needs !== undefined && e.needs !== 'target' && e.needs !== 'no-target') return 'needs must be target or no-target';
    if (e.block !== undefined && e.block !== true) return 'block must be true when given';
    return null;
  };
}

/** Parse the pattern syntax documented in the data files' meta.note. */
export function compilePattern(entry: PatternEntry, file: 'verbs' | 'nouns', order: number, source: string): { anchors: string[]; pattern: CompiledPattern }[] {
  const words = entry.pattern.trim().split(/\s+/);
  let anchorAt = words.findIndex((w) => w.startsWith('@'));
  if (anchorAt < 0) anchorAt = 0;
  const before = words.slice(0, anchorAt).map((w) => w.split('|'));
  const anchorAlts = words[anchorAt].replace(/^@/, '').split('|');
  const steps: Step[] = [];
  let wide = false;
  let weight = before.length + 1;
  for (const w of words.slice(anchorAt + 1)) {
    if (w === '*') {
      wide = true;
      continue;
    }
    const alts = w.split('|').map((a) => a.split('_'));
    steps.push({ alts, wide });
    weight += Math.min(...alts.map((a) => a.length));
    wide = false;
  }
  const firstWords = steps.map((st) => new Set(st.alts.flatMap((a) => [a[0], a[0].split('-')[0]])));
  // One compiled pattern per distinct anchor word; a multi-word anchor alternative carries a tail.
  const out: { anchors: string[]; pattern: CompiledPattern }[] = [];
  for (const alt of anchorAlts) {
    const parts = alt.split('_');
    out.push({
      anchors: [parts[0]],
      pattern: { entry, file, tail: parts.slice(1), before, steps, firstWords, weight: weight + parts.length - 1, order, source },
    });
  }
  return out;
}

function phraseList(words: string[]): string[][] {
  return words.map((w) => w.toLowerCase().split(/\s+/));
}

let cached: CameoDictionary | null = null;

export function loadCameo(): CameoDictionary {
  if (cached) return cached;
  const onto = loadData<CameoCode>('ontology/cameo.json', (e) =>
    typeof e.code === 'string' && typeof e.name === 'string' && typeof e.goldstein === 'number' && [1, 2, 3, 4].includes(e.quad) && /^\d\d$/.test(e.root)
      ? null
      : 'needs code, name, goldstein, root, quad',
  );
  const codes = new Map<string, CameoCode>();
  for (const c of onto.entries) codes.set(c.code, c);
  const index = new Map<string, CompiledPattern[]>();
  const counts = { verbs: 0, nouns: 0, codes: codes.size };
  for (const file of ['verbs', 'nouns'] as const) {
    const rel = `verbs/${file}.json`;
    const f = loadData<PatternEntry>(rel, checkPattern(codes));
    const src = sourceTag(rel);
    const seen = new Set<string>();
    f.entries.forEach((e, i) => {
      if (seen.has(e.id)) throw new Error(`dyad: data file data/${rel}: duplicate id ${e.id}`);
      seen.add(e.id);
      counts[file]++;
      for (const { anchors, pattern } of compilePattern(e, file, i, src)) {
        for (const a of anchors) {
          let list = index.get(a);
          if (!list) index.set(a, (list = []));
          list.push(pattern);
        }
      }
    });
  }
  const stepWords = new Set<string>();
  for (const list of index.values()) for (const p of list) for (const fw of p.firstWords) for (const w of fw) stepWords.add(w);
  for (const list of index.values()) list.sort((a, b) => b.weight - a.weight || a.order - b.order);
  const cf = loadData<{ kind: string; words: string[] }>('verbs/cues.json', (e) =>
    typeof e.kind === 'string' && Array.isArray(e.words) ? null : 'needs kind and words[]',
  );
  const kind = (k: string): string[] => cf.entries.filter((e) => e.kind === k).flatMap((e) => e.words.map((w) => w.toLowerCase()));
  const cues: Cues = {
    future: phraseList(kind('future')),
    hypothetical: phraseList(kind('hypothetical')),
    negated: phraseList(kind('negated')),
    reported: phraseList(kind('reported')),
    condition: new Set(kind('condition')),
    reporting: new Set(kind('reporting')),
    light: new Set(kind('light')),
    chain: new Set(kind('chain')),
    targetPrep: new Set(kind('target-prep')),
    nounTargetPrep: new Set(kind('noun-target-prep')),
    relative: new Set(kind('relative')),
  };
  const comp = loadData<{ act: string; intent: string | null; threat: string | null }>('verbs/compose.json', (e) =>
    typeof e.act === 'string' && (e.intent === null || codes.has(e.intent)) && (e.threat === null || codes.has(e.threat)) ? null : 'needs act and known intent/threat codes',
  );
  const compose = [...comp.entries].sort((a, b) => b.act.length - a.act.length);
  cached = { codes, index, cues, stepWords, compose, counts };
  return cached;
}

/** The ontology record of a code (or of its parent codes, down to the root). */
export function cameoCode(code: string): CameoCode | null {
  const d = loadCameo();
  for (let c = code; c.length >= 2; c = c.slice(0, -1)) {
    const hit = d.codes.get(c);
    if (hit) return hit;
  }
  return null;
}

const REJECT_OF_INTENT: Record<string, string> = { '031': '121', '032': '120', '033': '122', '034': '123', '035': '124', '036': '125', '037': '127', '038': '126', '039': '126' };

/**
 * The code for an outer verb class applied to an act: `intent` (root 03: agreed/promised/offered to
 * do it), `appeal` (02), `demand` (10), `reject` (12: refused to do it), `threat` (13). The codebook
 * numbers 02, 03 and 10 in parallel (0253 / 0353 / 1053 = appeal for / intend / demand release);
 * 12 follows its own order. Returns null when the act has no such form.
 */
export function composeCode(kind: 'intent' | 'appeal' | 'demand' | 'reject' | 'threat', act: string): string | null {
  const d = loadCameo();
  let intent: string;
  if (act.startsWith('03') && kind !== 'threat') intent = act;
  else {
    const hit = d.compose.find((c) => act.startsWith(c.act) && (kind === 'threat' ? c.threat : c.intent));
    if (!hit) return null;
    if (kind === 'threat') return hit.threat;
    intent = hit.intent!;
  }
  if (kind === 'intent') return intent;
  const rest = intent.slice(2);
  let code: string | null = null;
  if (kind === 'appeal') code = '02' + rest;
  else if (kind === 'demand') code = '10' + rest;
  else if (kind === 'reject') {
    const base = REJECT_OF_INTENT[intent.slice(0, 3)];
    code = base ? base + intent.slice(3) : null;
  }
  if (!code) return null;
  for (let c = code; c.length >= 3; c = c.slice(0, -1)) if (d.codes.has(c)) return c;
  return null;
}
