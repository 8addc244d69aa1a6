/**
 * The date of one event: the time expression governing the event's clause, else the publication
 * date (implied). Called by the events stage.
 */
import type { Doc, EventDate, Precision, TimeExpr } from '../../document.js';
import { quoteRanges } from './index.js';

export interface ClauseRef {
  sentence: number;
  /** Trigger (event verb/noun) offsets. */
  trigger: { start: number; end: number };
  /** Clause offsets (start..end) the event was read from. */
  clause: { start: number; end: number };
}

/** Values an event date can take: calendar dates, weeks, months, quarters, seasons, years (not REFs, durations, sets). */
const CALENDAR = /^\d{2,4}(-(\d\d(-\d\d)?|W\d\d(-WE|-\d)?|Q\d|H\d|SP|SU|FA|WI))?$/;

const quoteCache = new WeakMap<Doc, [number, number][]>();

function calendarValue(t: TimeExpr): { value: string; precision: Precision } | null {
  if (t.type === 'DURATION' || t.type === 'SET') return null;
  let value = t.value;
  let precision = t.precision;
  const tm = /^(\d{4}-\d\d-\d\d)T/.exec(value);
  if (tm) {
    value = tm[1];
    precision = 'day';
  }
  return CALENDAR.test(value) ? { value, precision } : null;
}

export function eventDate(doc: Doc, ref: ClauseRef): EventDate | null {
  let quotes = quoteCache.get(doc);
  if (!quotes) quoteCache.set(doc, (quotes = quoteRanges(doc.text)));
  const inQuote = (a: number, b: number) => quotes!.findIndex(([s, e]) => a >= s && b <= e);
  const trigQuote = inQuote(ref.trigger.start, ref.trigger.end);
  let best: { t: TimeExpr; v: { value: string; precision: Precision }; score: number } | null = null;
  for (const t of doc.times) {
    if (t.sentence !== ref.sentence) continue;
    const v = calendarValue(t);
    if (!v) continue;
    const dist = t.end <= ref.trigger.start ? ref.trigger.start - t.end : t.start >= ref.trigger.end ? t.start - ref.trigger.end : 0;
    let score = dist;
    // A date outside the event's clause (or in another quote) governs another predicate.
    if (t.end <= ref.clause.start || t.start >= ref.clause.end) score += 1000;
    if (inQuote(t.start, t.end) !== trigQuote) score += 500;
    // A date right after its verb ("met on Sunday") beats one before it at the same distance.
    if (t.start >= ref.trigger.end) score -= 0.5;
    // Possessive/attributive dates ("Moscow's 2022 invasion") belong to the noun they modify.
    if (!best || score < best.score) best = { t, v, score };
  }
  if (best && best.score < 1500) {
    return { value: best.v.value, precision: best.v.precision, anchor: best.t.anchor, time: best.t.id, start: best.t.start, end: best.t.end };
  }
  if (!doc.published) return null;
  return { value: doc.published, precision: 'day', anchor: 'implied', time: null };
}
