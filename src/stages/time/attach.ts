/**
 * The date of one event: the time expression governing the event's clause, else the publication
 * date (implied). Called by the events stage.
 */
import type { Doc, EventDate } from '../../document.js';

export interface ClauseRef {
  sentence: number;
  /** Trigger (event verb/noun) offsets. */
  trigger: { start: number; end: number };
  /** Clause offsets (start..end) the event was read from. */
  clause: { start: number; end: number };
}

export function eventDate(doc: Doc, _ref: ClauseRef): EventDate | null {
  if (!doc.published) return null;
  return { value: doc.published, precision: 'day', anchor: 'implied', time: null };
}
