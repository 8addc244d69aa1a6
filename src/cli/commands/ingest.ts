/** `dyad ingest <paths|urls…> [--db dyad.db] [--workers N] [--allow-private] [--dedupe-window D] [--quiet]` */
import { parseArgs } from 'node:util';
import { DyadInputError } from '../../errors.js';
import { defaultWorkers, ingest, type IngestProgress } from '../../ingest/index.js';

export const usage = `dyad ingest <paths|urls…> [--db dyad.db] [--workers N] [--allow-private] [--dedupe-window D] [--quiet]
  Reads plain text, HTML pages, JSONL/JSON of article objects, RSS/Atom feeds, WARC files (also
  gzipped), directories (recursively) and http(s) URLs; codes every article on every core and stores
  it. Already stored articles (same canonical URL or same normalised text) are skipped, so an
  interrupted run resumes where it stopped.
  --db FILE          the store (default ./dyad.db)
  --workers N        worker threads (default: ${defaultWorkers()}, one per core; 0 = code on the main thread)
  --allow-private    allow fetching private, loopback and link-local addresses
  --timeout MS       per-URL fetch timeout (default 15000)
  --max-bytes N      per-URL size cap (default 10485760)
  --dedupe-window D  days of events kept open for merging new reports (default 30; 0 = all):
                     bounds memory on long runs; older events stay stored
  --quiet            no progress output`;

function fmtTime(s: number): string {
  const t = Math.max(0, Math.round(s));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const ss = String(t % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string', default: 'dyad.db' },
      workers: { type: 'string' },
      'allow-private': { type: 'boolean', default: false },
      timeout: { type: 'string' },
      'max-bytes': { type: 'string' },
      'dedupe-window': { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
    },
  });
  if (!positionals.length) throw new DyadInputError("ingest: give at least one file, directory or URL (dyad ingest --help)");
  const num = (v: string | undefined, what: string, min: number): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new DyadInputError(`ingest: --${what} must be an integer ≥ ${min} (got "${v}")`);
    return n;
  };
  const workers = num(values.workers, 'workers', 0);
  const tty = !!process.stderr.isTTY;
  const err = (line: string) => {
    if (tty) process.stderr.write('\r\x1b[K');
    process.stderr.write(line + '\n');
  };
  let lastLine = 0;
  const onProgress = values.quiet
    ? undefined
    : (p: IngestProgress) => {
        const pct = p.fraction === null ? '' : `${(p.fraction * 100).toFixed(0).padStart(3)}% `;
        const eta = p.etaS === null ? '' : ` · ETA ${fmtTime(p.etaS)}`;
        const counts = `${p.stored} stored · ${p.duplicates} duplicate · ${p.failed} failed · ${p.rate.toFixed(1)} articles/s`;
        if (tty) {
          const w = 24;
          const bar = p.fraction === null ? '' : '[' + '#'.repeat(Math.round(p.fraction * w)).padEnd(w, '-') + '] ';
          process.stderr.write(`\r\x1b[K${bar}${pct}${counts}${eta}`);
        } else if (Date.now() - lastLine >= 10000) {
          lastLine = Date.now();
          process.stderr.write(`dyad ingest: ${pct}${counts}${eta}\n`);
        }
      };
  let shown = 0;
  const summary = await ingest(positionals, {
    db: values.db,
    workers,
    allowPrivate: values['allow-private'],
    dedupeWindowDays: num(values['dedupe-window'], 'dedupe-window', 0),
    fetch: { timeoutMs: num(values.timeout, 'timeout', 1), maxBytes: num(values['max-bytes'], 'max-bytes', 1) },
    onProgress,
    progressMs: tty ? 200 : 1000,
    onError: (source, reason) => {
      if (shown++ < 50) err(`dyad ingest: ${source}: ${reason}`);
      else if (shown === 51) err('dyad ingest: (more errors: see the errors table, or dyad serve)');
    },
  });
  if (tty && onProgress) process.stderr.write('\r\x1b[K');
  process.stderr.write(
    `dyad ingest: ${summary.stored} stored, ${summary.duplicates} skipped as duplicate, ${summary.failed} failed in ${(summary.elapsedMs / 1000).toFixed(1)} s (${summary.rate.toFixed(1)} articles/s stored) → ${values.db}\n`,
  );
  return summary.stored + summary.duplicates === 0 ? 1 : 0;
}
