/**
 * Query-string validation. Every parameter an endpoint accepts is declared here; anything else is a
 * 400 naming the parameters that are accepted. Values are checked and typed before they reach the
 * store (which parameterises every query — nothing here builds SQL).
 */
import type { EventFilter } from '../store/types.js';
import { bad } from './http.js';

export const MODALITIES = ['asserted', 'future', 'hypothetical', 'negated', 'reported'] as const;
export const FORMATS = ['json', 'csv', 'geojson'] as const;
export type Format = (typeof FORMATS)[number];

/** Filters shared by /events and the /stats endpoints (the CLI's filters). */
export const FILTER_PARAMS = ['actor', 'dyad', 'directed', 'code', 'plover', 'quad', 'since', 'until', 'place', 'modality', 'q', 'text', 'article'] as const;
export const PAGE_PARAMS = ['limit', 'cursor', 'fields', 'format'] as const;

export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 100;
export const MAX_EXPORT = 50_000;
const MAX_VALUE = 200;

export type Query = URLSearchParams;

/** Refuse unknown or repeated parameters and over-long values. */
export function checkParams(q: Query, allowed: readonly string[]): void {
  const seen = new Set<string>();
  for (const [k, v] of q) {
    if (!allowed.includes(k)) throw bad(`unknown parameter "${k}"; accepted: ${allowed.join(', ')}`, 'unknown_parameter');
    if (seen.has(k)) throw bad(`parameter "${k}" given more than once`, 'repeated_parameter');
    seen.add(k);
    if (v.length > (k === 'cursor' ? 1000 : MAX_VALUE)) throw bad(`parameter "${k}" is too long (max ${MAX_VALUE} characters)`, 'invalid_parameter');
  }
}

function str(q: Query, k: string): string | undefined {
  const v = q.get(k);
  if (v === null) return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

const DATE_RE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;
function date(q: Query, k: string): string | undefined {
  const v = str(q, k);
  if (v === undefined) return undefined;
  if (!DATE_RE.test(v)) throw bad(`"${k}" must be a date YYYY-MM-DD (or YYYY-MM, YYYY); got ${JSON.stringify(v)}`, 'invalid_parameter');
  const [y, m = 1, d = 1] = v.split('-').map(Number) as [number, number?, number?];
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) throw bad(`"${k}": no such date ${v}`, 'invalid_parameter');
  return v;
}

export function bool(q: Query, k: string): boolean | undefined {
  const v = str(q, k);
  if (v === undefined) return undefined;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw bad(`"${k}" must be true or false; got ${JSON.stringify(v)}`, 'invalid_parameter');
}

export function int(q: Query, k: string, min: number, max: number): number | undefined {
  const v = str(q, k);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw bad(`"${k}" must be an integer from ${min} to ${max}; got ${JSON.stringify(v)}`, 'invalid_parameter');
  return Number(v);
}

export function oneOf<T extends string>(q: Query, k: string, values: readonly T[]): T | undefined {
  const v = str(q, k);
  if (v === undefined) return undefined;
  if (!(values as readonly string[]).includes(v)) throw bad(`"${k}" must be one of ${values.join(', ')}; got ${JSON.stringify(v)}`, 'invalid_parameter');
  return v as T;
}

/** Free text (names, search terms): any printable text; control characters refused. */
export function text(q: Query, k: string): string | undefined {
  const v = str(q, k);
  if (v === undefined) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(v)) throw bad(`"${k}" contains control characters`, 'invalid_parameter');
  return v;
}

/** The CLI's event filters from a query string. */
export function eventFilter(q: Query): EventFilter {
  const f: EventFilter = {};
  const actor = text(q, 'actor');
  if (actor) f.actor = actor;
  const dyad = text(q, 'dyad');
  if (dyad) {
    // "USA:RUS"; "USA-RUS" is accepted too when both sides are codes.
    let parts = dyad.split(':');
    if (parts.length === 1 && /^[A-Za-z]{3,}-[A-Za-z]{3,}$/.test(dyad)) parts = dyad.split('-');
    if (parts.length !== 2 || !parts[0]!.trim() || !parts[1]!.trim())
      throw bad(`"dyad" must be two actors separated by a colon, e.g. USA:RUS; got ${JSON.stringify(dyad)}`, 'invalid_parameter');
    f.dyad = `${parts[0]!.trim()}:${parts[1]!.trim()}`;
  }
  const directed = bool(q, 'directed');
  if (directed !== undefined) f.directed = directed;
  const code = str(q, 'code');
  if (code) {
    if (!/^\d{2,4}$/.test(code)) throw bad(`"code" must be a CAMEO code or prefix of 2 to 4 digits (e.g. 04, 043); got ${JSON.stringify(code)}`, 'invalid_parameter');
    f.code = code;
  }
  const plover = str(q, 'plover');
  if (plover) {
    if (!/^[A-Za-z][A-Za-z_ -]{0,40}$/.test(plover)) throw bad(`"plover" must be a PLOVER event type such as CONSULT or ASSAULT; got ${JSON.stringify(plover)}`, 'invalid_parameter');
    f.plover = plover.toUpperCase();
  }
  const quad = int(q, 'quad', 1, 4);
  if (quad !== undefined) f.quad = quad;
  const since = date(q, 'since');
  const until = date(q, 'until');
  if (since) f.since = since;
  if (until) f.until = until;
  if (since && until && since > until) throw bad(`"since" (${since}) is after "until" (${until})`, 'invalid_parameter');
  const place = text(q, 'place');
  if (place) f.place = place;
  const modality = oneOf(q, 'modality', MODALITIES);
  if (modality) f.modality = modality;
  const qt = text(q, 'q') ?? text(q, 'text');
  if (text(q, 'q') && text(q, 'text')) throw bad('give "q" or "text", not both', 'invalid_parameter');
  if (qt) f.text = qt;
  const article = text(q, 'article');
  if (article) f.articleId = article;
  return f;
}

export interface Paging {
  limit: number;
  cursor?: string;
  fields: string[] | null;
  format: Format;
}

export function paging(q: Query, fieldNames: readonly string[], formats: readonly Format[] = FORMATS): Paging {
  const format = oneOf(q, 'format', formats) ?? 'json';
  // Exports (CSV, GeoJSON) may ask for everything filtered in one file.
  const limit = int(q, 'limit', 1, format === 'json' ? MAX_LIMIT : MAX_EXPORT) ?? DEFAULT_LIMIT;
  const cursor = str(q, 'cursor');
  if (cursor !== undefined && !/^[A-Za-z0-9_\-=.:+/]+$/.test(cursor)) throw bad('"cursor" is not a cursor returned by this API', 'invalid_parameter');
  let fields: string[] | null = null;
  const fs = str(q, 'fields');
  if (fs) {
    fields = fs.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = fields.filter((f) => !fieldNames.includes(f));
    if (unknown.length) throw bad(`unknown field(s) ${unknown.join(', ')}; available: ${fieldNames.join(', ')}`, 'unknown_field');
    if (!fields.length) fields = null;
  }
  const p: Paging = { limit, fields, format };
  if (cursor) p.cursor = cursor;
  return p;
}
