/** `dyad events|actors|quotes|search`: read the store, print a table, JSON, JSONL or CSV. */
import { parseArgs } from 'node:util';
import { DyadInputError } from '../../errors.js';
import { EVENT_FILTER_OPTIONS, eventFilterFrom } from '../filters.js';
import { csvCell, type Cell } from '../../export/text.js';
import { openStore } from '../../store/index.js';
import type { EventFilter, Page, Store } from '../../store/types.js';
import { write } from '../io.js';

type Format = 'table' | 'json' | 'jsonl' | 'csv';
const FORMATS: Format[] = ['table', 'json', 'jsonl', 'csv'];
/** A CSV cell; objects (evidence, lists) as JSON. */
const cell = (v: unknown): string => csvCell(v !== null && typeof v === 'object' ? JSON.stringify(v) : (v as Cell));

const common = {
  db: { type: 'string' as const, default: 'dyad.db' },
  limit: { type: 'string' as const },
  format: { type: 'string' as const, default: 'table' },
};

function fmt(name: string, v: string | undefined): Format {
  const f = (v ?? 'table') as Format;
  if (!FORMATS.includes(f)) throw new DyadInputError(`${name}: --format must be one of ${FORMATS.join(', ')} (got "${v}")`);
  return f;
}

function limitOf(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new DyadInputError(`${name}: --limit must be a positive integer (got "${v}")`);
  return n;
}

function open(db: string): Store {
  return openStore(db, { mustExist: true });
}

/** Read pages until `limit` rows (the store caps one page). */
function collect<T>(limit: number, page: (limit: number, cursor?: string) => Page<T>): { rows: T[]; total?: number } {
  const rows: T[] = [];
  let cursor: string | undefined;
  let total: number | undefined;
  do {
    const p = page(Math.min(10000, limit - rows.length), cursor);
    if (total === undefined) total = p.total;
    rows.push(...p.rows);
    cursor = p.next ?? undefined;
  } while (cursor && rows.length < limit);
  return { rows, total };
}

function clip(s: unknown, w: number): string {
  const t = s === null || s === undefined ? '' : String(s).replace(/\s+/g, ' ');
  return t.length > w ? t.slice(0, w - 1) + '…' : t;
}

async function output<T extends object>(format: Format, rows: T[], table: { head: string; width: number; get: (r: T) => unknown }[], total?: number): Promise<void> {
  if (format === 'json') return write(JSON.stringify(rows, null, 2) + '\n');
  if (format === 'jsonl') {
    let s = '';
    for (const r of rows) s += JSON.stringify(r) + '\n';
    return write(s);
  }
  if (format === 'csv') {
    const keys = rows.length ? Object.keys(rows[0]) : table.map((c) => c.head.toLowerCase());
    let s = keys.join(',') + '\n';
    for (const r of rows) s += keys.map((k) => cell((r as Record<string, unknown>)[k])).join(',') + '\n';
    return write(s);
  }
  const widths = table.map((c) => Math.min(c.width, Math.max(c.head.length, ...rows.map((r) => clip(c.get(r), c.width).length))));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  let s = line(table.map((c) => c.head)) + '\n';
  for (const r of rows) s += line(table.map((c, i) => clip(c.get(r), widths[i]))) + '\n';
  if (total !== undefined && total > rows.length) s += `(${rows.length} of ${total}; use --limit for more)\n`;
  else if (!rows.length) s += '(none)\n';
  await write(s);
}

export const events = {
  usage: `dyad events [--db dyad.db] [--actor RUS] [--dyad USA:RUS [--directed]] [--code 04 | --plover CONSULT] [--quad 1-4]
            [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--place NAME|ISO3] [--modality asserted|future|...]
            [--text WORDS] [--mentions] [--limit 50] [--format table|json|jsonl|csv]
  One row per deduplicated event (or per mention with --mentions), newest first.`,
  async run(argv: string[]): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...common,
        ...EVENT_FILTER_OPTIONS,
        mentions: { type: 'boolean', default: false },
      },
    });
    if (positionals.length) throw new DyadInputError(`events: unexpected argument "${positionals[0]}"`);
    const format = fmt('events', values.format);
    const limit = limitOf('events', values.limit, format === 'table' ? 50 : 1000);
    const filter: EventFilter & { mentions?: boolean } = { ...eventFilterFrom('events', values), mentions: values.mentions };
    const store = open(values.db!);
    try {
      const { rows, total } = collect(limit, (l, cursor) => store.events({ ...filter, limit: l, cursor }));
      await output(format, rows, [
        { head: 'DATE', width: 10, get: (r) => r.date ?? (r.firstSeen ? `~${r.firstSeen}` : '') },
        { head: 'CODE', width: 4, get: (r) => r.code },
        { head: 'EVENT', width: 28, get: (r) => r.name },
        { head: 'SOURCE', width: 22, get: (r) => (r.sourceName ? `${r.sourceName}${r.sourceCode ? ` (${r.sourceCode})` : ''}` : '') },
        { head: 'TARGET', width: 22, get: (r) => (r.targetName ? `${r.targetName}${r.targetCode ? ` (${r.targetCode})` : ''}` : '') },
        { head: 'MODALITY', width: 12, get: (r) => r.modality },
        { head: 'PLACE', width: 16, get: (r) => r.placeName ?? '' },
        { head: 'MENTIONS', width: 8, get: (r) => r.mentions },
        { head: 'SOURCES', width: 7, get: (r) => r.sources },
        { head: 'ID', width: 8, get: (r) => r.id },
      ], total);
    } finally {
      store.close();
    }
    return 0;
  },
};

export const actors = {
  usage: `dyad actors [--db dyad.db] [--actor CODE|NAME] [--limit 50] [--format table|json|jsonl|csv]
  Actors by number of mentions.`,
  async run(argv: string[]): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...common, actor: { type: 'string' } } });
    if (positionals.length) throw new DyadInputError(`actors: unexpected argument "${positionals[0]}"`);
    const format = fmt('actors', values.format);
    const limit = limitOf('actors', values.limit, format === 'table' ? 50 : 1000);
    const store = open(values.db!);
    try {
      const { rows, total } = collect(limit, (l, cursor) => store.actors({ actor: values.actor, limit: l, cursor }));
      await output(format, rows, [
        { head: 'NAME', width: 32, get: (r) => r.name },
        { head: 'CODE', width: 10, get: (r) => r.code ?? '' },
        { head: 'COUNTRY', width: 7, get: (r) => r.country ?? '' },
        { head: 'KIND', width: 12, get: (r) => r.kind },
        { head: 'MENTIONS', width: 8, get: (r) => r.mentions },
        { head: 'EVENTS', width: 6, get: (r) => r.events },
        { head: 'ARTICLES', width: 8, get: (r) => r.articles },
      ], total);
    } finally {
      store.close();
    }
    return 0;
  },
};

export const quotes = {
  usage: `dyad quotes [--db dyad.db] [--speaker NAME|CODE] [--text WORDS] [--limit 50] [--format table|json|jsonl|csv]
  Quotes, newest article first.`,
  async run(argv: string[]): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...common, speaker: { type: 'string' }, text: { type: 'string' } } });
    if (positionals.length) throw new DyadInputError(`quotes: unexpected argument "${positionals[0]}"`);
    const format = fmt('quotes', values.format);
    const limit = limitOf('quotes', values.limit, format === 'table' ? 50 : 1000);
    const store = open(values.db!);
    try {
      const { rows, total } = collect(limit, (l, cursor) => store.quotes({ speaker: values.speaker, text: values.text, limit: l, cursor }));
      await output(format, rows, [
        { head: 'PUBLISHED', width: 10, get: (r) => r.published ?? '' },
        { head: 'SPEAKER', width: 24, get: (r) => r.speakerName ?? '(unattributed)' },
        { head: 'KIND', width: 8, get: (r) => r.kind },
        { head: 'QUOTE', width: 80, get: (r) => r.text },
        { head: 'ARTICLE', width: 7, get: (r) => r.articleId },
      ], total);
    } finally {
      store.close();
    }
    return 0;
  },
};

export const search = {
  usage: `dyad search "<text>" [--db dyad.db] [--limit 20] [--format table|json|jsonl|csv]
  Full-text search over stored articles and quotes ("quoted phrases" match exactly).`,
  async run(argv: string[]): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...common } });
    if (positionals.length !== 1 || !positionals[0].trim()) throw new DyadInputError('search: give one search text, e.g. dyad search "peace talks"');
    const format = fmt('search', values.format);
    const limit = limitOf('search', values.limit, format === 'table' ? 20 : 1000);
    const store = open(values.db!);
    try {
      const { rows, total } = collect(limit, (l, cursor) => store.search(positionals[0], { limit: l, cursor }));
      await output(format, rows, [
        { head: 'KIND', width: 7, get: (r) => r.kind },
        { head: 'ARTICLE', width: 7, get: (r) => r.articleId },
        { head: 'TITLE', width: 36, get: (r) => r.title ?? '' },
        { head: 'SNIPPET', width: 90, get: (r) => r.snippet },
      ], total);
    } finally {
      store.close();
    }
    return 0;
  },
};
