/**
 * The place of one event: the place named in its own clause, not any place in the article.
 *
 * Preference: a place in a locative phrase ("in Istanbul", "at the Vatican") inside the event's
 * clause, nearest the trigger (after it first); else a place directly modifying the trigger noun
 * ("the Istanbul talks"); else null.
 */
import type { Doc, EventPlace, Place } from '../../document.js';
import type { ClauseRef } from '../time/attach.js';
import { SCRATCH_KEY } from './index.js';

interface ToponymRef {
  id: string;
  tokenStart: number;
  tokenEnd: number;
  locative: boolean;
}

const EVENT_LOCATIVE = new Set(['in', 'at', 'near', 'outside', 'inside', 'across', 'throughout', 'into', 'within', 'to']);
/** Nouns whose own place phrase says nothing about where the event happened: "the war in Ukraine", "the embassy in Moscow". */
const NOUN_HEADS = new Set(['war', 'wars', 'conflict', 'crisis', 'fighting', 'situation', 'invasion', 'occupation', 'people', 'citizens', 'residents', 'refugees', 'embassy', 'embassies', 'ambassador', 'envoy', 'minister', 'president', 'leader', 'leaders', 'government', 'forces', 'troops', 'ceasefire', 'peace', 'violence', 'presence', 'operations', 'interests', 'allies', 'counterpart', 'counterparts', 'community', 'communities', 'election', 'elections', 'economy', 'markets', 'talks', 'meeting', 'meetings', 'summit', 'negotiations', 'deal', 'agreement', 'attack', 'attacks', 'strike', 'strikes', 'bombing']);

function toEventPlace(p: Place): EventPlace {
  return { place: p.id, name: p.name, country: p.country, lat: p.lat, lon: p.lon, start: p.start, end: p.end };
}

export function eventPlace(doc: Doc, ref: ClauseRef): EventPlace | null {
  if (!doc.places.length) return null;
  const refs = (doc.scratch[SCRATCH_KEY] as ToponymRef[] | undefined) ?? [];
  const byId = new Map(refs.map((r) => [r.id, r]));
  const cs = Math.min(ref.clause.start, ref.trigger.start);
  const ce = Math.max(ref.clause.end, ref.trigger.end);
  const inClause = doc.places.filter((p) => p.sentence === ref.sentence && p.start >= cs && p.end <= ce);
  if (!inClause.length) return null;
  const tokens = doc.tokens;
  const prepOf = (p: Place): string | null => {
    const r = byId.get(p.id);
    if (!r) return null;
    let j = r.tokenStart - 1;
    while (j >= 0 && (tokens[j].norm === 'the' || (tokens[j].cap && tokens[j].pos === 'PROPN')) && r.tokenStart - j < 3) j--;
    if (j < 0 || tokens[j].sentence !== ref.sentence) return null;
    // "the war in Ukraine": the phrase belongs to a noun that is not the trigger.
    const head = j > 0 ? tokens[j - 1] : null;
    if (head && head.sentence === ref.sentence && NOUN_HEADS.has(head.norm) && head.start !== ref.trigger.start) return null;
    return tokens[j].norm;
  };
  let best: Place | null = null;
  let bestScore = -Infinity;
  for (const p of inClause) {
    const prep = prepOf(p);
    const after = p.start >= ref.trigger.end;
    const dist = after ? p.start - ref.trigger.end : ref.trigger.start - p.end;
    let score = -dist / 100;
    if (prep && EVENT_LOCATIVE.has(prep)) score += prep === 'to' ? 2 : 4;
    else {
      // "the Istanbul talks": the place right before the trigger noun.
      const r = byId.get(p.id);
      const trig = r ? tokens[r.tokenEnd] : undefined;
      if (trig && trig.start === ref.trigger.start && trig.pos === 'NOUN') score += 3;
      else continue;
    }
    if (after) score += 0.5;
    if (score > bestScore) { bestScore = score; best = p; }
  }
  return best ? toEventPlace(best) : null;
}
