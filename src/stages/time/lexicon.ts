/** The time stage's word lists (data/time/lexicon.json), loaded once per process into Maps. */
import { loadData } from '../../dictionaries/load.js';

export interface LexEntry {
  word: string;
  kind: string;
  value: string | number;
  note?: string;
}

export interface TimeLexicon {
  /** Single-word entries by word and kind. */
  byKind: Map<string, Map<string, string | number>>;
  /** Multi-word holiday names by first word: [tokens, value]. */
  holidays: Map<string, { words: string[]; value: string }[]>;
  /** Every word that can start or belong to a time expression (the pre-filter). */
  trigger: Set<string>;
  version: string;
}

const KINDS = new Set([
  'month', 'month-abbr', 'weekday', 'weekday-abbr', 'weekday-plural', 'number', 'ordinal', 'vague', 'unit', 'season',
  'season-plural', 'partofday', 'ref', 'set', 'approx', 'holiday',
]);

let lex: TimeLexicon | null = null;

export const LEXICON_FILE = 'time/lexicon.json';

export function timeLexicon(): TimeLexicon {
  if (lex) return lex;
  const file = loadData<LexEntry>(LEXICON_FILE, (e) => {
    if (typeof e.word !== 'string' || !e.word) return 'word must be a non-empty string';
    if (!KINDS.has(e.kind)) return `unknown kind "${e.kind}"`;
    if (typeof e.value !== 'string' && typeof e.value !== 'number') return 'value must be a string or number';
    return null;
  });
  const byKind = new Map<string, Map<string, string | number>>();
  const holidays = new Map<string, { words: string[]; value: string }[]>();
  const trigger = new Set<string>();
  for (const e of file.entries) {
    if (e.kind === 'holiday') {
      const words = e.word.split(' ');
      let list = holidays.get(words[0]);
      if (!list) holidays.set(words[0], (list = []));
      list.push({ words, value: String(e.value) });
      trigger.add(words[0]);
      continue;
    }
    let m = byKind.get(e.kind);
    if (!m) byKind.set(e.kind, (m = new Map()));
    m.set(e.word, e.value);
    if (e.kind !== 'number' && e.kind !== 'approx' && e.kind !== 'ordinal' && e.kind !== 'vague') trigger.add(e.word);
  }
  // Cue words that only matter next to a unit/month but are enough to wake the recognizers.
  for (const w of ['half', 'period', 'midday', 'past', 'nineteen', 'nineties', 'eighties', 'seventies', 'sixties', 'present', 'future', 'q1', 'q2', 'q3', 'q4', 'today', 'tonight', 'yesterday', 'tomorrow', 'ago', 'noon', 'midnight', 'a.m.', 'p.m.', 'am', 'pm', 'every', 'each', 'per'])
    trigger.add(w);
  for (const l of holidays.values()) for (const h of l) trigger.add(h.words[0]);
  lex = { byKind, holidays, trigger, version: file.meta.version };
  return lex;
}

let flat: Map<string, Record<string, string | number>> | null = null;

/** The value of `word` as a `kind` entry, or undefined. One Map lookup per call. */
export function lookup(kind: string, word: string): string | number | undefined {
  if (!flat) {
    flat = new Map();
    for (const [k, m] of timeLexicon().byKind) {
      for (const [w, v] of m) {
        let o = flat.get(w);
        if (!o) flat.set(w, (o = Object.create(null) as Record<string, string | number>));
        o[k] = v;
      }
    }
  }
  const o = flat.get(word);
  return o === undefined ? undefined : o[kind];
}
