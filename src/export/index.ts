/**
 * Exports of coded events: GDELT 2.0 event and mentions tables, ACLED-style CSV, PLOVER JSONL,
 * GeoJSON points, plain CSV and JSONL.
 *
 * Streaming: `createExporter(format)` gives `head()`, `row(r)` and `end()` returning text pieces, so
 * a caller can write millions of rows to a Writable without holding them (`exportRows` does that
 * with back-pressure). Rows are the store's EventRow (cluster rows for every format except
 * `gdelt-mentions`, which takes mention-level rows), optionally with ExportExtras.
 *
 * Columns that dyad cannot fill are empty, never guessed: data/export/*.json says which, with the
 * published codebook each column list comes from; docs/exports.md explains.
 */
import type { Writable } from 'node:stream';
import { acledHeader, acledLine } from './acled.js';
import type { ExportRow } from './common.js';
import { gdeltEventHeader, gdeltEventLine, gdeltMentionHeader, gdeltMentionLine } from './gdelt.js';
import { csvHeaderLine, csvRowLine, geojsonFeature, GEOJSON_HEAD, GEOJSON_TAIL, jsonlLine } from './plain.js';
import { PloverWriter } from './plover.js';
import { csvLine, tsvLine } from './text.js';

export type { ExportRow, ExportExtras } from './common.js';
export { acledType, acledCells, acledHeader } from './acled.js';
export { gdeltEventCells, gdeltMentionCells, gdeltEventHeader, gdeltMentionHeader } from './gdelt.js';
export { ploverRecord, PloverWriter } from './plover.js';
export { csvCell, csvLine, parseCsv, tsvCell } from './text.js';
export { CSV_COLUMNS, GEOJSON_PROPERTIES } from './plain.js';

export const FORMATS = ['gdelt', 'gdelt-mentions', 'acled', 'plover', 'geojson', 'csv', 'jsonl'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export function isFormat(s: string): s is ExportFormat {
  return (FORMATS as readonly string[]).includes(s);
}

/** True for formats that take mention-level rows. */
export function wantsMentions(f: ExportFormat): boolean {
  return f === 'gdelt-mentions';
}

export interface ExportOptions {
  /** Write a header row for the GDELT tables (GDELT's own files have none). Default false. */
  header?: boolean;
  /**
   * GDELT and ACLED have no modality column, so by default they only get events that happened
   * (status occurred/fulfilled, or modality asserted/reported): planned, negated and hypothetical
   * events would read as facts there. `all` writes them too, and (ACLED) events without a
   * defensible ACLED event type.
   */
  all?: boolean;
  /** ACLED timestamp column / PLOVER coded_date: the time of the export run (default: now). */
  now?: Date;
}

export interface Exporter {
  head(): string;
  /** Text for one row ('' when the row is left out or held, e.g. an unlocated event in GeoJSON). */
  row(r: ExportRow): string;
  end(): string;
  /** Rows given / rows that produced output. */
  stats(): { rows: number; written: number };
}

const NOT_HAPPENED_STATUS = new Set(['planned', 'negated', 'hypothetical']);
const NOT_HAPPENED_MODALITY = new Set(['future', 'negated', 'hypothetical']);

/** Did the event happen, as far as dyad can tell (status of the cluster, else the modality)? */
export function happened(r: ExportRow): boolean {
  if (r.status) return !NOT_HAPPENED_STATUS.has(r.status);
  return !NOT_HAPPENED_MODALITY.has(r.modality);
}

export function createExporter(format: ExportFormat, opts: ExportOptions = {}): Exporter {
  const factsOnly = !opts.all;
  const now = opts.now ?? new Date();
  let rows = 0;
  let written = 0;
  const count = (s: string): string => {
    rows++;
    if (s) written++;
    return s;
  };
  const base = { stats: () => ({ rows, written }) };
  switch (format) {
    case 'gdelt':
      return { ...base, head: () => (opts.header ? tsvLine(gdeltEventHeader()) : ''), row: (r) => count(factsOnly && !happened(r) ? '' : gdeltEventLine(r)), end: () => '' };
    case 'gdelt-mentions':
      return { ...base, head: () => (opts.header ? tsvLine(gdeltMentionHeader()) : ''), row: (r) => count(factsOnly && !happened(r) ? '' : gdeltMentionLine(r)), end: () => '' };
    case 'acled': {
      const ts = Math.floor(now.getTime() / 1000);
      return { ...base, head: () => csvLine(acledHeader(), { guard: false }), row: (r) => count(factsOnly && !happened(r) ? '' : acledLine(r, { timestamp: ts, all: opts.all })), end: () => '' };
    }
    case 'plover': {
      const w = new PloverWriter({ codedDate: now.toISOString().slice(0, 10) });
      let out = 0;
      return {
        head: () => '',
        row: (r) => {
          rows++;
          const s = w.push(r);
          if (s) out += s.split('\n').length - 1;
          return s;
        },
        end: () => {
          const s = w.end();
          if (s) out += 1;
          return s;
        },
        stats: () => ({ rows, written: out }),
      };
    }
    case 'geojson': {
      let first = true;
      return {
        ...base,
        head: () => GEOJSON_HEAD,
        row: (r) => {
          const f = count(geojsonFeature(r));
          if (!f) return '';
          const s = (first ? '' : ',\n') + f;
          first = false;
          return s;
        },
        end: () => GEOJSON_TAIL,
      };
    }
    case 'csv':
      return { ...base, head: () => csvHeaderLine(), row: (r) => count(csvRowLine(r)), end: () => '' };
    case 'jsonl':
      return { ...base, head: () => '', row: (r) => count(jsonlLine(r)), end: () => '' };
  }
}

/** Export rows to one string (small sets, tests). */
export function exportToString(format: ExportFormat, rows: Iterable<ExportRow>, opts: ExportOptions = {}): string {
  const ex = createExporter(format, opts);
  let s = ex.head();
  for (const r of rows) s += ex.row(r);
  return s + ex.end();
}

async function writeOut(out: Writable, s: string): Promise<void> {
  if (!s) return;
  if (!out.write(s)) await new Promise<void>((res, rej) => {
    const onDrain = () => {
      out.off('error', onErr);
      res();
    };
    const onErr = (e: Error) => {
      out.off('drain', onDrain);
      rej(e);
    };
    out.once('drain', onDrain);
    out.once('error', onErr);
  });
}

/** Stream rows to a Writable with back-pressure; resolves with the counts. */
export async function exportRows(
  format: ExportFormat,
  rows: Iterable<ExportRow> | AsyncIterable<ExportRow>,
  out: Writable,
  opts: ExportOptions = {},
): Promise<{ rows: number; written: number }> {
  const ex = createExporter(format, opts);
  await writeOut(out, ex.head());
  // Batch small pieces to keep write() calls few.
  let buf = '';
  for await (const r of rows as AsyncIterable<ExportRow>) {
    buf += ex.row(r);
    if (buf.length > 1 << 16) {
      await writeOut(out, buf);
      buf = '';
    }
  }
  buf += ex.end();
  await writeOut(out, buf);
  return ex.stats();
}
