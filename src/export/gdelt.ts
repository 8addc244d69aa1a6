/**
 * GDELT 2.0 event table (61 tab-separated columns, codebook order) and Mentions table (16 columns).
 * Column lists: data/export/gdelt-events.json and gdelt-mentions.json (with their sources).
 * Columns dyad cannot fill are empty — see the `dyad` and `note` fields of each column there.
 */
import { columnNames, countryName, dateParts, fipsOf, hostOf, numericId, splitActorCode, stamp14, type ExportRow } from './common.js';
import { tsvLine, type Cell } from './text.js';

export function gdeltEventHeader(): string[] {
  return columnNames('gdelt-events');
}

export function gdeltMentionHeader(): string[] {
  return columnNames('gdelt-mentions');
}

function actorCells(code: string | null, name: string | null, country: string | null): Cell[] {
  const split = splitActorCode(code, country);
  return [
    code,
    name,
    country,
    split.knownGroup,
    null, // EthnicCode
    null, // Religion1Code
    null, // Religion2Code
    split.types[0] ?? null,
    split.types[1] ?? null,
    split.types[2] ?? null,
  ];
}

/** ActionGeo_Type from the GeoNames feature code; null when the feature is not known. */
export function geoType(feature: string | null | undefined, country: string | null | undefined): number | null {
  if (!feature) return null;
  const us = country === 'USA';
  if (feature.startsWith('PCL')) return 1;
  if (feature === 'ADM1') return us ? 2 : 5;
  // Populated places. Divisions below ADM1, continents, regions and seas have no GDELT type.
  if (feature.startsWith('PPL')) return us ? 3 : 4;
  return null;
}

function fullName(r: ExportRow): string | null {
  if (!r.placeName) return null;
  const cn = countryName(r.placeCountry);
  if (!cn || r.placeFeature?.startsWith('PCL') || r.placeName === cn) return r.placeName;
  return `${r.placeName}, ${cn}`;
}

function round(n: number, d: number): number {
  const f = 10 ** d;
  return Math.round(n * f) / f;
}

/** The 61 cells of one event row. */
export function gdeltEventCells(r: ExportRow): Cell[] {
  const dp = dateParts(r.date, r.datePrecision);
  const day = dp.day !== null && dp.month !== null && dp.year !== null ? dp.year * 10000 + dp.month * 100 + dp.day : null;
  const monthYear = dp.month !== null && dp.year !== null ? dp.year * 100 + dp.month : null;
  const fraction = day !== null ? round(dp.year! + (dp.month! * 30 + dp.day!) / 365, 4) : null;
  const code = r.code || null;
  const base = code ? (code.length > 3 ? code.slice(0, 3) : code) : null;
  const hasPlace = !!(r.placeName || r.placeCountry || r.lat !== null);
  const cells: Cell[] = [
    numericId(r.id),
    day,
    monthYear,
    dp.year,
    fraction,
    ...actorCells(r.sourceCode, r.sourceName, r.sourceCountry),
    ...actorCells(r.targetCode, r.targetName, r.targetCountry),
    r.isRoot == null ? null : r.isRoot ? 1 : 0, // IsRootEvent
    code,
    base,
    r.root || (code ? code.slice(0, 2) : null),
    r.quad,
    r.goldstein,
    r.mentions,
    r.sources,
    r.articles,
    null, // AvgTone
    ...new Array<Cell>(8).fill(null), // Actor1Geo_*
    ...new Array<Cell>(8).fill(null), // Actor2Geo_*
    hasPlace ? geoType(r.placeFeature, r.placeCountry) : null,
    hasPlace ? fullName(r) : null,
    hasPlace ? fipsOf(r.placeCountry) : null,
    null, // ADM1
    null, // ADM2
    r.lat,
    r.lon,
    null, // FeatureID
    stamp14(r.firstSeen),
    r.url,
  ];
  return cells;
}

export function gdeltEventLine(r: ExportRow): string {
  return tsvLine(gdeltEventCells(r));
}

/** The 16 cells of one mention row (a mention-level EventRow: `cluster` is the event). */
export function gdeltMentionCells(r: ExportRow): Cell[] {
  const host = hostOf(r.url);
  const published = r.published ?? null;
  const citation = [r.outlet, r.title, published ? published.slice(0, 10) : null].filter(Boolean).join(', ') || null;
  return [
    numericId(r.cluster),
    stamp14(r.firstSeen),
    stamp14(published),
    r.url ? 1 : 2,
    host ?? r.outlet,
    r.url ?? citation,
    r.sentenceIndex != null ? r.sentenceIndex + 1 : null,
    r.sourceStart ?? null,
    r.targetStart ?? null,
    r.triggerStart ?? null,
    1,
    Number.isFinite(r.confidence) ? Math.round(r.confidence * 100) : null,
    r.docLength ?? null,
    null,
    null,
    null,
  ];
}

export function gdeltMentionLine(r: ExportRow): string {
  return tsvLine(gdeltMentionCells(r));
}
