/**
 * `ingest(inputs, options)`: read files, directories, feeds, WARC and URLs, code every article on
 * every core (one pipeline per worker thread), and write each into the store in one transaction,
 * in input order, from the main thread (the single SQLite writer).
 *
 * Idempotent and resumable: an article already stored (same canonical URL or same normalised text)
 * is skipped before it is coded; a killed run loses at most the articles in flight, which the next
 * run codes. One broken article is recorded as an error row and the run goes on.
 */
import { availableParallelism } from 'node:os';
import type { CodedDocument } from '../document.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { CodePool } from '../workers/pool.js';
import type { Coder, JobResult } from '../workers/job.js';
import type { FetchOptions } from './fetch.js';
import { expand, inputBytes, type Item, type SourceContext } from './sources.js';

export { safeFetch, isPrivateAddress, FetchError, decodeText } from './fetch.js';
export { extractHtml } from './html.js';
export { parseFeed } from './feed.js';
export { readWarc, parseHttpResponse } from './warc.js';

export interface IngestProgress {
  stored: number;
  duplicates: number;
  failed: number;
  /** Items seen so far. */
  done: number;
  elapsedMs: number;
  /** Articles per second (stored + duplicates + failed) over the run. */
  rate: number;
  /** Share of the local input bytes read, 0..1, or null when unknown (URLs, stdin). */
  fraction: number | null;
  /** Seconds left (estimate), or null. */
  etaS: number | null;
}

export interface IngestSummary {
  stored: number;
  duplicates: number;
  failed: number;
  elapsedMs: number;
  /** Articles stored per second. */
  rate: number;
  /** The first 1000 errors (source and reason); all are in the store's errors table. */
  errors: { source: string; reason: string }[];
}

export interface IngestOptions {
  /** Store file (default ./dyad.db) — or pass an open `store`. */
  db?: string;
  store?: Store;
  /** Worker threads (default: every core). 0 codes on the calling thread. */
  workers?: number;
  allowPrivate?: boolean;
  fetch?: FetchOptions;
  /** Called about every `progressMs` (default 250) and once at the end. */
  onProgress?: (p: IngestProgress) => void;
  progressMs?: number;
  /** Called for each failed article. */
  onError?: (source: string, reason: string) => void;
  /** Code with this function instead of the pipeline (runs inline; tests and custom pipelines). */
  coder?: Coder;
  /** Longest time one article may take to code before its worker is restarted (default 120 s). */
  jobTimeoutMs?: number;
  /** Largest single HTML/text/feed file read whole (default 64 MiB). */
  maxFileBytes?: number;
  /** Days of events the incremental deduper keeps in memory (default 30; 0 = all). */
  dedupeWindowDays?: number;
}

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

export async function ingest(inputs: string[], opts: IngestOptions = {}): Promise<IngestSummary> {
  const store = opts.store ?? openStore(opts.db ?? 'dyad.db', { dedupeWindowDays: opts.dedupeWindowDays });
  const ownStore = !opts.store;
  const workers = opts.coder ? 0 : (opts.workers ?? defaultWorkers());
  const pool = new CodePool(workers, opts.coder);
  if (opts.jobTimeoutMs) pool.jobTimeoutMs = opts.jobTimeoutMs;
  const t0 = Date.now();
  const totalBytes = inputBytes(inputs);
  const ctx: SourceContext = {
    fetch: { ...opts.fetch, allowPrivate: opts.allowPrivate ?? opts.fetch?.allowPrivate ?? false },
    known: (url) => store.hasArticle({ url }) !== null,
    bytesRead: 0,
    maxFileBytes: opts.maxFileBytes ?? 64 * 1024 * 1024,
  };
  const s = { stored: 0, duplicates: 0, failed: 0 };
  const errors: { source: string; reason: string }[] = [];
  const fail = (source: string, why: string) => {
    s.failed++;
    if (errors.length < 1000) errors.push({ source, reason: why });
    try {
      store.recordError(source, why);
    } catch {
      /* the error table is best effort */
    }
    opts.onError?.(source, why);
  };

  const progress = (): IngestProgress => {
    const elapsedMs = Date.now() - t0;
    const done = s.stored + s.duplicates + s.failed;
    const fraction = totalBytes > 0 ? Math.min(1, ctx.bytesRead / totalBytes) : null;
    const etaS = fraction && fraction > 0.01 && fraction < 1 ? ((elapsedMs / 1000) * (1 - fraction)) / fraction : fraction === 1 ? 0 : null;
    return { ...s, done, elapsedMs, rate: elapsedMs > 0 ? (done * 1000) / elapsedMs : 0, fraction, etaS };
  };
  let lastTick = 0;
  const tick = (force = false) => {
    if (!opts.onProgress) return;
    const now = Date.now();
    if (!force && now - lastTick < (opts.progressMs ?? 250)) return;
    lastTick = now;
    opts.onProgress(progress());
  };
  const timer = opts.onProgress ? setInterval(() => tick(), opts.progressMs ?? 250) : null;
  timer?.unref();

  type Pending = { item: Item; result: Promise<JobResult | null>; settled: boolean };
  const queue: Pending[] = [];
  const window = Math.max(8, (workers || 1) * 16);
  let seq = 0;

  /** Write one finished item (its result must have settled). */
  const commitOne = (item: Item, r: JobResult | null) => {
    if (item.kind === 'error') return fail(item.source, item.reason);
    if (item.kind === 'duplicate' || r === null) {
      s.duplicates++;
      return;
    }
    if (!r.ok) return fail(item.source, r.reason);
    try {
      const doc = JSON.parse(r.json) as CodedDocument;
      const put = store.putCoded({ ...r.article, html: item.kind === 'job' ? (item.html ?? undefined) : undefined, provenance: r.provenance }, doc, {
        canonicalUrl: r.canonicalUrl,
        source: item.source,
        docJson: r.json,
        storySig: r.storySig,
      });
      if (put.duplicate) s.duplicates++;
      else s.stored++;
    } catch (e) {
      fail(item.source, `cannot store: ${(e as Error).message}`);
    }
  };
  /**
   * Write the settled items at the head of the queue, in input order, in one group commit (each
   * article stays atomic: putCoded is its own savepoint). With `wait`, wait for the head first.
   */
  const commit = async (wait: boolean) => {
    if (wait && queue.length) await queue[0].result;
    const ready: { item: Item; r: JobResult | null }[] = [];
    while (queue.length && queue[0].settled && ready.length < 64) {
      const p = queue.shift()!;
      ready.push({ item: p.item, r: await p.result });
    }
    if (!ready.length) return;
    const run = () => {
      for (const x of ready) commitOne(x.item, x.r);
    };
    if (store.batch) store.batch(run);
    else run();
    tick();
  };

  try {
    for await (const item of expand(inputs, ctx)) {
      let entry: Pending;
      if (item.kind !== 'job') entry = { item, result: Promise.resolve(null), settled: true };
      else {
        const a = item.job.article;
        const known = (a.url && store.hasArticle({ url: a.url })) || (a.text && a.text.trim() && store.hasArticle({ text: a.text }));
        if (known) entry = { item: { kind: 'duplicate', source: item.source }, result: Promise.resolve(null), settled: true };
        else {
          const e: Pending = { item, result: pool.run({ ...item.job, seq: seq++ }), settled: false };
          e.result.then(() => (e.settled = true));
          entry = e;
        }
      }
      queue.push(entry);
      while (queue.length >= window) await commit(true);
      // Commit whatever is already finished at the head, keeping input order.
      if (queue.length && queue[0].settled) await commit(false);
    }
    while (queue.length) await commit(true);
  } finally {
    if (timer) clearInterval(timer);
    await pool.close();
    tick(true);
    if (ownStore) store.close();
  }
  const elapsedMs = Date.now() - t0;
  return { ...s, elapsedMs, rate: elapsedMs > 0 ? (s.stored * 1000) / elapsedMs : 0, errors };
}
