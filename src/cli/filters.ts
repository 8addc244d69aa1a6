/** The event filters shared by `dyad events` and `dyad export`: one option list, one validation. */
import { DyadInputError } from '../errors.js';
import type { EventFilter } from '../store/types.js';

export const EVENT_FILTER_OPTIONS = {
  actor: { type: 'string' },
  dyad: { type: 'string' },
  directed: { type: 'boolean', default: false },
  code: { type: 'string' },
  plover: { type: 'string' },
  quad: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  place: { type: 'string' },
  modality: { type: 'string' },
  text: { type: 'string' },
} as const;

type FilterValues = {
  actor?: string;
  dyad?: string;
  directed?: boolean;
  code?: string;
  plover?: string;
  quad?: string;
  since?: string;
  until?: string;
  place?: string;
  modality?: string;
  text?: string;
};

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Check the filter options a user gave `command` and turn them into an EventFilter. */
export function eventFilterFrom(command: string, v: FilterValues): EventFilter {
  if (v.code && !/^\d{2,4}$/.test(v.code)) throw new DyadInputError(`${command}: --code must be a CAMEO code or prefix like 04 or 043 (got "${v.code}")`);
  if (v.code && v.plover) throw new DyadInputError(`${command}: give --code or --plover, not both`);
  for (const k of ['since', 'until'] as const)
    if (v[k] && !DATE.test(v[k]!)) throw new DyadInputError(`${command}: --${k} must be YYYY, YYYY-MM or YYYY-MM-DD (got "${v[k]}")`);
  if (v.dyad && !/^[^:]+:[^:]+$/.test(v.dyad)) throw new DyadInputError(`${command}: --dyad must look like USA:RUS (got "${v.dyad}")`);
  let quad: number | undefined;
  if (v.quad !== undefined) {
    quad = Number(v.quad);
    if (![1, 2, 3, 4].includes(quad)) throw new DyadInputError(`${command}: --quad must be 1, 2, 3 or 4 (got "${v.quad}")`);
  }
  return {
    actor: v.actor,
    dyad: v.dyad,
    directed: v.directed,
    code: v.code,
    plover: v.plover,
    quad,
    since: v.since,
    until: v.until,
    place: v.place,
    modality: v.modality,
    text: v.text,
  };
}
