/**
 * Plain exports of everything: CSV (RFC 4180, formula-injection guard), JSONL, and GeoJSON points
 * of the located events (RFC 7946: [longitude, latitude], WGS 84).
 */
import type { ExportRow } from './common.js';
import { csvLine, type Cell } from './text.js';

/** Every EventRow field, in the order of the store's EventRow type. */
export const CSV_COLUMNS = [
  'id', 'cluster', 'articleId', 'date', 'datePrecision', 'code', 'root', 'name', 'quad', 'goldstein', 'plover',
  'sourceName', 'sourceCode', 'sourceCountry', 'targetName', 'targetCode', 'targetCountry', 'modality',
  'placeName', 'placeCountry', 'lat', 'lon', 'sentence', 'evidenceStart', 'evidenceEnd', 'rule', 'confidence',
  'quoteId', 'mentions', 'sources', 'articles', 'firstSeen', 'lastSeen', 'outlet', 'url',
  'status', 'stories', 'clusterKey',
] as const;

export function csvHeaderLine(): string {
  return csvLine([...CSV_COLUMNS], { guard: false });
}

export function csvRowLine(r: ExportRow): string {
  const rec = r as unknown as Record<string, Cell>;
  return csvLine(CSV_COLUMNS.map((k) => rec[k]));
}

export function jsonlLine(r: ExportRow): string {
  return JSON.stringify(r) + '\n';
}

/** Properties written on each GeoJSON feature. */
export const GEOJSON_PROPERTIES = [
  'id', 'cluster', 'date', 'datePrecision', 'code', 'root', 'name', 'quad', 'goldstein', 'plover',
  'sourceName', 'sourceCode', 'sourceCountry', 'targetName', 'targetCode', 'targetCountry', 'modality',
  'placeName', 'placeCountry', 'mentions', 'sources', 'articles', 'firstSeen', 'lastSeen', 'outlet', 'url',
  'sentence', 'confidence', 'status', 'stories',
] as const;

export function located(r: ExportRow): boolean {
  return (
    typeof r.lat === 'number' && typeof r.lon === 'number' &&
    Number.isFinite(r.lat) && Number.isFinite(r.lon) &&
    Math.abs(r.lat) <= 90 && Math.abs(r.lon) <= 180
  );
}

/** One GeoJSON Feature (as JSON text) or '' when the event has no valid point. */
export function geojsonFeature(r: ExportRow): string {
  if (!located(r)) return '';
  const rec = r as unknown as Record<string, unknown>;
  const properties: Record<string, unknown> = {};
  for (const k of GEOJSON_PROPERTIES) properties[k] = rec[k] ?? null;
  return JSON.stringify({ type: 'Feature', id: r.id, geometry: { type: 'Point', coordinates: [r.lon, r.lat] }, properties });
}

export const GEOJSON_HEAD = '{"type":"FeatureCollection","features":[\n';
export const GEOJSON_TAIL = '\n]}\n';
