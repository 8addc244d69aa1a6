/** `dyad export`: stream events from the store in one of the exchange formats. */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { DyadInputError } from '../../errors.js';
import { EVENT_FILTER_OPTIONS, eventFilterFrom } from '../filters.js';
import { Enricher } from '../../export/enrich.js';
import { exportRows, FORMATS, isFormat, wantsMentions, type ExportRow } from '../../export/index.js';
import { openStore } from '../../store/index.js';
import type { EventFilter, Store } from '../../store/types.js';

export const usage = `dyad export --format ${FORMATS.join('|')} [--db dyad.db] [-o FILE]
            [--actor RUS] [--dyad USA:RUS [--directed]] [--code 04 | --plover CONSULT] [--quad 1-4]
            [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--place NAME|ISO3] [--modality asserted|future|...]
            [--text WORDS] [--limit N] [--header] [--all] [--raw]
  gdelt           GDELT 2.0 event table: 61 tab-separated columns in codebook order (no header unless --header)
  gdelt-mentions  GDELT 2.0 Mentions table: 16 columns, one row per article mentioning an event
  acled           ACLED-style CSV (ACLED's column names); only events with a defensible ACLED type unless --all
  gdelt, gdelt-mentions and acled have no modality column: they get only events that happened
  (not planned, negated or hypothetical) unless --all
  plover          PLOVER JSON records, one per line (compound statements as actor lists)
  geojson         GeoJSON FeatureCollection of the located events
  csv | jsonl     every field of every event
  Columns dyad cannot fill are left empty (docs/exports.md). --raw skips reading the stored coded
  documents for the optional details (trigger offsets, place feature, PLOVER mode, all outlets).`;

const PAGE = 1000;

async function* pages(store: Store, filter: EventFilter & { mentions?: boolean }, limit: number): AsyncGenerator<import('../../store/types.js').EventRow> {
  let cursor: string | undefined;
  let n = 0;
  do {
    const p = store.events({ ...filter, limit: Math.min(PAGE, limit - n), cursor });
    for (const r of p.rows) {
      yield r;
      if (++n >= limit) return;
    }
    cursor = p.next ?? undefined;
  } while (cursor);
}

async function* enriched(rows: AsyncIterable<import('../../store/types.js').EventRow>, e: Enricher | null, mentions: boolean): AsyncGenerator<ExportRow> {
  for await (const r of rows) yield e ? (mentions ? e.mention(r) : e.event(r)) : r;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      db: { type: 'string', default: 'dyad.db' },
      output: { type: 'string', short: 'o' },
      ...EVENT_FILTER_OPTIONS,
      limit: { type: 'string' },
      header: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      raw: { type: 'boolean', default: false },
    },
  });
  if (positionals.length) throw new DyadInputError(`export: unexpected argument "${positionals[0]}"`);
  const format = values.format;
  if (!format) throw new DyadInputError(`export: --format is required (${FORMATS.join(', ')})`);
  if (!isFormat(format)) throw new DyadInputError(`export: --format must be one of ${FORMATS.join(', ')} (got "${format}")`);
  let limit = Number.POSITIVE_INFINITY;
  if (values.limit !== undefined) {
    limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new DyadInputError(`export: --limit must be a positive integer (got "${values.limit}")`);
  }
  const mentions = wantsMentions(format);
  const filter: EventFilter & { mentions?: boolean } = { ...eventFilterFrom('export', values), mentions };
  const store = openStore(values.db!, { mustExist: true });
  let out: Writable = process.stdout;
  let file: ReturnType<typeof createWriteStream> | null = null;
  try {
    if (values.output && values.output !== '-') {
      file = createWriteStream(values.output);
      await new Promise<void>((res, rej) => {
        file!.once('open', () => res());
        file!.once('error', (e) => rej(new DyadInputError(`export: cannot write ${values.output}: ${e.message}`)));
      });
      out = file;
    }
    const enricher = values.raw ? null : new Enricher(store);
    const stats = await exportRows(format, enriched(pages(store, filter, limit), enricher, mentions), out, {
      header: values.header,
      all: values.all,
    });
    if (file) {
      await new Promise<void>((res, rej) => file!.end((e?: Error | null) => (e ? rej(e) : res())));
      process.stderr.write(`dyad export: ${stats.written} of ${stats.rows} ${mentions ? 'mentions' : 'events'} written to ${values.output} (${format})\n`);
    }
  } finally {
    store.close();
  }
  return 0;
}
