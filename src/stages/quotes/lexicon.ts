/**
 * The quotes stage's word lists, loaded once per process from data/quotes/*.json:
 * cue verbs (every surface form → entry) and media phrases (first word → phrases, longest first).
 */
import { loadData, sourceTag } from '../../dictionaries/load.js';

export interface CueEntry {
  id: string;
  /** Base form of a verb cue. */
  lemma?: string;
  /** Irregular surface forms (regular -s/-ed/-ing forms are derived). */
  forms?: string[];
  /** A fixed word sequence (according to, as per). */
  words?: string[];
  /** A word that must follow the verb (point out). */
  particle?: string;
  type: 'speech' | 'speech-act' | 'belief' | 'prep';
  confidence?: number;
  /** Whether the verb introduces reported content (a that-clause or a bare clause). */
  indirect?: boolean;
}

export interface MediumEntry {
  id: string;
  name: string;
  phrases: string[][];
  rank: number;
}

export interface CueForm {
  entry: CueEntry;
  /** 'base' | 'past' | 's' | 'ing' — which form the surface word is. */
  form: 'base' | 'past' | 's' | 'ing';
}

export interface QuoteLexicon {
  /** Surface (lower-case) → cue verb. */
  verbs: Map<string, CueForm>;
  /** First word → multi-word cues (according to, as per). */
  multi: Map<string, CueEntry[]>;
  /** First word → [phrase, entry], longest phrase first. */
  media: Map<string, { phrase: string[]; entry: MediumEntry }[]>;
  cueSource: string;
  mediaSource: string;
}

let lex: QuoteLexicon | null = null;

const VOWEL = /[aeiou]/;

/** Regular inflections of an English verb, with the doubled-consonant variants (admit → admitted). */
export function inflect(lemma: string): { s: string[]; past: string[]; ing: string[] } {
  const s: string[] = [];
  const past: string[] = [];
  const ing: string[] = [];
  const last = lemma[lemma.length - 1];
  const prev = lemma[lemma.length - 2] ?? '';
  if (/(s|x|z|ch|sh|o)$/.test(lemma)) s.push(lemma + 'es');
  else if (last === 'y' && !VOWEL.test(prev)) s.push(lemma.slice(0, -1) + 'ies');
  else s.push(lemma + 's');
  if (last === 'e') past.push(lemma + 'd');
  else if (last === 'y' && !VOWEL.test(prev)) past.push(lemma.slice(0, -1) + 'ied');
  else past.push(lemma + 'ed');
  if (last === 'e' && prev !== 'e') ing.push(lemma.slice(0, -1) + 'ing');
  else ing.push(lemma + 'ing');
  // Consonant-vowel-consonant endings may double (admit → admitted, quip → quipped).
  if (/[^aeiou][aeiou][bdglmnprt]$/.test(lemma)) {
    past.push(lemma + last + 'ed');
    ing.push(lemma + last + 'ing');
  }
  return { s, past, ing };
}

export function quoteLexicon(): QuoteLexicon {
  if (lex) return lex;
  const cues = loadData<CueEntry>('quotes/cues.json', (e) => {
    if (typeof e.id !== 'string') return 'needs id';
    if (!e.lemma && !e.words) return 'needs lemma or words';
    if (!['speech', 'speech-act', 'belief', 'prep'].includes(e.type)) return 'type must be speech, speech-act, belief or prep';
    return null;
  });
  const media = loadData<MediumEntry>('quotes/media.json', (e) =>
    typeof e.id === 'string' && typeof e.name === 'string' && Array.isArray(e.phrases) && e.phrases.every((p) => Array.isArray(p) && p.length > 0) && typeof e.rank === 'number'
      ? null
      : 'needs id, name, phrases[][], rank',
  );
  const verbs = new Map<string, CueForm>();
  const multi = new Map<string, CueEntry[]>();
  for (const e of cues.entries) {
    if (e.words) {
      const k = e.words[0];
      const list = multi.get(k) ?? [];
      list.push(e);
      multi.set(k, list);
      continue;
    }
    const lemma = e.lemma!;
    const inf = inflect(lemma);
    const set = (w: string, form: CueForm['form']) => {
      if (!verbs.has(w)) verbs.set(w, { entry: e, form });
    };
    for (const f of e.forms ?? []) set(f, 'past');
    set(lemma, 'base');
    for (const f of inf.s) set(f, 's');
    for (const f of inf.past) set(f, 'past');
    for (const f of inf.ing) set(f, 'ing');
  }
  const mm = new Map<string, { phrase: string[]; entry: MediumEntry }[]>();
  for (const e of media.entries) {
    for (const p of e.phrases) {
      const list = mm.get(p[0]) ?? [];
      list.push({ phrase: p, entry: e });
      mm.set(p[0], list);
    }
  }
  for (const list of mm.values()) list.sort((a, b) => b.phrase.length - a.phrase.length);
  lex = { verbs, multi, media: mm, cueSource: sourceTag('quotes/cues.json'), mediaSource: sourceTag('quotes/media.json') };
  return lex;
}
