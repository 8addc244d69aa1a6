/**
 * What every exporter shares: the row type (the store's EventRow plus optional details the
 * exporters use when the caller has them), the column lists from data/export/*.json, country code
 * tables, actor-code splitting and date helpers.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { loadData } from '../dictionaries/load.js';
import type { EventRow } from '../store/types.js';

/**
 * Optional per-row details. The store's EventRow does not carry them; `enrichRows` (src/export/enrich.ts)
 * fills them from the stored coded document when a store is at hand. Every exporter works without them.
 */
export interface ExportExtras {
  /** Events expanded from one compound statement share a group id (PLOVER merges them into actor lists). */
  group?: string | null;
  /** GeoNames feature code of the event place (PCLI, ADM1, PPLC, ...). */
  placeFeature?: string | null;
  geonameid?: number | null;
  ploverMode?: string | null;
  ploverContext?: string | null;
  /** 0-based index of the evidence sentence in the article. */
  sentenceIndex?: number | null;
  triggerStart?: number | null;
  sourceStart?: number | null;
  targetStart?: number | null;
  /** Article length in characters. */
  docLength?: number | null;
  /** Whether the event was coded from the article's headline or lead paragraph (GDELT's IsRootEvent). */
  isRoot?: boolean | null;
  title?: string | null;
  /** Publication date/time of this row's article. */
  published?: string | null;
  /** All outlets of the event's cluster (when known), for ACLED's source column. */
  outlets?: string[] | null;
  /** CAMEO type code of the source/target actor (GOV, MIL, CVL, ...), when not part of the code. */
  sourceType?: string | null;
  targetType?: string | null;
}

export type ExportRow = EventRow & ExportExtras;

export interface ColumnEntry {
  index: number;
  name: string;
  bigqueryName?: string;
  type?: string;
  dyad: 'filled' | 'empty';
  note: string;
}

function checkColumns(e: ColumnEntry, i: number): string | null {
  if (e.index !== i) return `index ${e.index} out of order (expected ${i})`;
  if (!e.name) return 'name missing';
  if (e.dyad !== 'filled' && e.dyad !== 'empty') return 'dyad must be filled|empty';
  return null;
}

export function columns(file: 'gdelt-events' | 'gdelt-mentions' | 'acled-columns'): ColumnEntry[] {
  return loadData<ColumnEntry>(`export/${file}.json`, checkColumns).entries;
}

export function columnNames(file: 'gdelt-events' | 'gdelt-mentions' | 'acled-columns'): string[] {
  return columns(file).map((c) => c.name);
}

// ---------------------------------------------------------------------------------------------
// Countries

interface FipsEntry {
  iso3: string;
  iso2: string;
  fips: string;
  name: string;
}
let fipsMap: Map<string, FipsEntry> | null = null;

export function fipsOf(iso3: string | null | undefined): string | null {
  if (!iso3) return null;
  if (!fipsMap) {
    fipsMap = new Map();
    for (const e of loadData<FipsEntry>('export/fips-countries.json', (e) => (/^[A-Z]{3}$/.test(e.iso3) && /^[A-Z]{2}$/.test(e.fips) ? null : 'iso3/fips')).entries) {
      fipsMap.set(e.iso3, e);
    }
  }
  return fipsMap.get(iso3)?.fips ?? null;
}

type Countries = {
  registerLocale(l: unknown): void;
  getName(code: string, lang: string): string | undefined;
  alpha3ToNumeric(code: string): string | undefined;
  alpha3ToAlpha2(code: string): string | undefined;
};
let countriesLib: Countries | null = null;
function countries(): Countries {
  if (!countriesLib) {
    const require = createRequire(import.meta.url);
    const lib = require('i18n-iso-countries') as Countries;
    lib.registerLocale(require('i18n-iso-countries/langs/en.json'));
    countriesLib = lib;
  }
  return countriesLib;
}

export function countryName(iso3: string | null | undefined): string | null {
  if (!iso3 || !/^[A-Z]{3}$/.test(iso3)) return null;
  return countries().getName(iso3, 'en') ?? null;
}

export function countryNumeric(iso3: string | null | undefined): number | null {
  if (!iso3 || !/^[A-Z]{3}$/.test(iso3)) return null;
  const n = countries().alpha3ToNumeric(iso3);
  return n ? Number(n) : null;
}

export function countryAlpha2(iso3: string | null | undefined): string | null {
  if (!iso3 || !/^[A-Z]{3}$/.test(iso3)) return null;
  return countries().alpha3ToAlpha2(iso3) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Actor codes

interface TypeEntry {
  code: string;
  label: string;
  group: string;
}
let typeSet: Set<string> | null = null;
function actorTypes(): Set<string> {
  if (!typeSet) typeSet = new Set(loadData<TypeEntry>('export/cameo-actor-types.json', (e) => (/^[A-Z]{3}$/.test(e.code) ? null : 'code')).entries.map((e) => e.code));
  return typeSet;
}

const GROUP_PREFIXES = new Set(['IGO', 'NGO', 'IMG', 'MNC']);

/**
 * Split a CAMEO actor code into 3-letter blocks: the country (when the first block is the
 * actor's country), a known-group code (the block after IGO/NGO/IMG/MNC) and up to three type
 * codes (blocks found in the CAMEO type list). Blocks that are none of these are ignored.
 */
export function splitActorCode(code: string | null | undefined, country: string | null | undefined): { knownGroup: string | null; types: string[] } {
  const out = { knownGroup: null as string | null, types: [] as string[] };
  if (!code || code.length % 3 !== 0 || !/^[A-Z]+$/.test(code)) return out;
  const blocks: string[] = [];
  for (let i = 0; i < code.length; i += 3) blocks.push(code.slice(i, i + 3));
  let start = 0;
  if (country && blocks[0] === country) start = 1;
  const types = actorTypes();
  for (let i = start; i < blocks.length; i++) {
    const b = blocks[i];
    if (GROUP_PREFIXES.has(b) && i + 1 < blocks.length && !out.knownGroup) {
      out.knownGroup = blocks[i + 1];
      i++;
      continue;
    }
    if (types.has(b) && out.types.length < 3) out.types.push(b);
  }
  return out;
}

/** The CAMEO role of a side: the explicit type, else the first type block of its code. */
export function roleOf(code: string | null | undefined, country: string | null | undefined, explicit?: string | null): string | null {
  if (explicit) return explicit;
  return splitActorCode(code, country).types[0] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Dates and ids

export interface DateParts {
  year: number | null;
  month: number | null;
  day: number | null;
  /** Normalised precision: day, week, month, quarter, year or null. */
  precision: string | null;
}

/** What a TIMEX3-ish date value says, without filling anything in. */
export function dateParts(value: string | null | undefined, precision?: string | null): DateParts {
  const none: DateParts = { year: null, month: null, day: null, precision: null };
  if (!value) return none;
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m) {
    const p = precision && ['week', 'month', 'quarter', 'year'].includes(precision) ? precision : 'day';
    if (p === 'day') return { year: +m[1], month: +m[2], day: +m[3], precision: 'day' };
    if (p === 'month') return { year: +m[1], month: +m[2], day: null, precision: 'month' };
    if (p === 'year') return { year: +m[1], month: null, day: null, precision: 'year' };
    return { year: +m[1], month: p === 'week' ? +m[2] : null, day: null, precision: p };
  }
  m = /^(\d{4})-W(\d{2})$/.exec(value);
  if (m) {
    // The month is known only when the whole ISO week lies in one month.
    const y = +m[1];
    const jan4 = Date.UTC(y, 0, 4);
    const dow = (new Date(jan4).getUTCDay() + 6) % 7;
    const start = new Date(jan4 + ((+m[2] - 1) * 7 - dow) * 86400000);
    const end = new Date(start.getTime() + 6 * 86400000);
    const sameMonth = start.getUTCMonth() === end.getUTCMonth() && start.getUTCFullYear() === end.getUTCFullYear();
    return {
      year: start.getUTCFullYear() === end.getUTCFullYear() ? start.getUTCFullYear() : null,
      month: sameMonth ? start.getUTCMonth() + 1 : null,
      day: null,
      precision: 'week',
    };
  }
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) return { year: +m[1], month: +m[2], day: null, precision: 'month' };
  m = /^(\d{4})-Q[1-4]$/.exec(value);
  if (m) return { year: +m[1], month: null, day: null, precision: 'quarter' };
  m = /^(\d{4})$/.exec(value);
  if (m) return { year: +m[1], month: null, day: null, precision: 'year' };
  return none;
}

/** First day (YYYY-MM-DD) of the period a date value names, or null. */
export function periodStart(value: string | null | undefined): string | null {
  if (!value) return null;
  let m = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  if (m) return m[1];
  m = /^(\d{4})-W(\d{2})$/.exec(value);
  if (m) {
    const jan4 = Date.UTC(+m[1], 0, 4);
    const dow = (new Date(jan4).getUTCDay() + 6) % 7;
    return new Date(jan4 + ((+m[2] - 1) * 7 - dow) * 86400000).toISOString().slice(0, 10);
  }
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) return `${m[1]}-${m[2]}-01`;
  m = /^(\d{4})-Q([1-4])$/.exec(value);
  if (m) return `${m[1]}-${String(3 * +m[2] - 2).padStart(2, '0')}-01`;
  m = /^(\d{4})$/.exec(value);
  if (m) return `${m[1]}-01-01`;
  return null;
}

/** YYYYMMDDHHMMSS (UTC) of an ISO date or timestamp; 000000 for the time of a bare date. */
export function stamp14(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (d) return `${d[1]}${d[2]}${d[3]}000000`;
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return null;
  return new Date(t).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** A stable positive integer (< 2^53) for a dyad id, for formats that need numeric ids (GDELT). */
export function numericId(id: string): number {
  if (/^\d{1,15}$/.test(id)) return Number(id);
  return parseInt(createHash('sha1').update(id).digest('hex').slice(0, 13), 16);
}

export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:?#]+)/i.exec(url);
  return m ? m[1].toLowerCase().replace(/^www\./, '') : null;
}
