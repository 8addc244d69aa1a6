/** Stage `places`: toponyms → gazetteer entries → lat/lon, country (doc.places). */
import type { Doc, Place } from '../../document.js';
import type { Stage } from '../types.js';
import { findToponyms, type Toponym } from './recognize.js';
import { gazetteer } from './gazetteer.js';

export { findToponyms } from './recognize.js';
export type { Toponym } from './recognize.js';

/** Toponyms of the last run, kept for eventPlace (token ranges, locative flags). */
export const SCRATCH_KEY = 'places.toponyms';

export function toPlace(doc: Doc, t: Toponym): Place {
  const e = t.entry;
  return {
    id: doc.nextId('p'),
    start: t.start,
    end: t.end,
    text: t.text,
    name: e.name,
    country: e.country,
    lat: e.lat,
    lon: e.lon,
    geonameid: e.geonameid,
    feature: e.feature,
    confidence: t.confidence,
    sentence: t.sentence,
    evidence: {
      stage: 'places',
      rule: t.rule,
      source: gazetteer().version,
      anchor: 'stated',
      confidence: t.confidence,
      note: t.locative ? 'locative preposition before the name' : undefined,
    },
  };
}

export const placesStage: Stage = {
  name: 'places',
  run(doc: Doc): void {
    let toponyms: Toponym[] = [];
    try {
      toponyms = findToponyms(doc);
    } catch (e) {
      // One bad place must never break the article.
      doc.warnings.push(`places: ${(e as Error).message}`);
      return;
    }
    const ids: string[] = [];
    for (const t of toponyms) {
      const p = toPlace(doc, t);
      if (p.evidence.note === undefined) delete p.evidence.note;
      doc.places.push(p);
      ids.push(p.id);
    }
    doc.scratch[SCRATCH_KEY] = toponyms.map((t, i) => ({ id: ids[i], tokenStart: t.tokenStart, tokenEnd: t.tokenEnd, locative: t.locative }));
  },
};
