import { loadData } from './load.js';

interface IrregularVerb {
  lemma: string;
  past: string[];
  participle: string[];
}

let irregular: Map<string, 'past' | 'participle' | 'both'> | null = null;

/** Surface form → whether it is a simple past, a participle or both (both counts as past). */
export function loadIrregularVerbs(): Map<string, 'past' | 'participle' | 'both'> {
  if (irregular) return irregular;
  const f = loadData<IrregularVerb>('lexicon/irregular-verbs.json', (e) =>
    typeof e.lemma === 'string' && Array.isArray(e.past) && Array.isArray(e.participle) ? null : 'needs lemma, past[], participle[]',
  );
  const m = new Map<string, 'past' | 'participle' | 'both'>();
  for (const v of f.entries) {
    for (const p of v.past) m.set(p, 'past');
    for (const p of v.participle) m.set(p, m.get(p) === 'past' ? 'both' : 'participle');
  }
  irregular = m;
  return m;
}
