/**
 * Ingest benchmark: a corpus (JSONL) into a fresh store, at 1 worker and at every core; articles
 * stored per second, wall time, peak RSS (each run in its own process, so the peak is its own),
 * and the store's dedupe figures (event mentions vs deduplicated events).
 *
 *   node dist/bench/ingest.js [--file a.jsonl ...] [--workers 1,2] [--json]
 *
 * Default corpora: ../shared/corpora/bbc/articles.jsonl and ../shared/corpora/wikinews/articles.jsonl
 * (never committed); skips with a message when they are absent.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, basename, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ingest } from '../src/ingest/index.js';
import { openStore } from '../src/store/index.js';

interface RunResult {
  corpus: string;
  workers: number;
  stored: number;
  duplicates: number;
  failed: number;
  seconds: number;
  articlesPerSecond: number;
  /** CPU seconds of the whole process (main thread and workers): meaningful on a busy machine. */
  cpuSeconds: number;
  articlesPerCpuSecond: number;
  peakRssMb: number;
  mentions: number;
  events: number;
  actors: number;
  quotes: number;
  dbMb: number;
}

async function one(file: string, workers: number): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-bench-'));
  const db = join(dir, 'bench.db');
  try {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const sum = await ingest([file], { db, workers });
    const seconds = (performance.now() - t0) / 1000;
    const cu = process.cpuUsage(c0);
    const cpuSeconds = (cu.user + cu.system) / 1e6;
    const store = openStore(db);
    const c = store.counts();
    store.close();
    const { statSync } = await import('node:fs');
    return {
      corpus: file,
      workers,
      stored: sum.stored,
      duplicates: sum.duplicates,
      failed: sum.failed,
      seconds: Math.round(seconds * 100) / 100,
      articlesPerSecond: Math.round((sum.stored / seconds) * 10) / 10,
      cpuSeconds: Math.round(cpuSeconds * 10) / 10,
      articlesPerCpuSecond: Math.round((sum.stored / cpuSeconds) * 10) / 10,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      mentions: c.mentions,
      events: c.events,
      actors: c.actors,
      quotes: c.quotes,
      dbMb: Math.round((statSync(db).size + (existsSync(db + '-wal') ? statSync(db + '-wal').size : 0)) / 1e5) / 10,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string', multiple: true },
      workers: { type: 'string' },
      json: { type: 'boolean', default: false },
      one: { type: 'boolean', default: false },
      put: { type: 'boolean', default: false },
      limit: { type: 'string', default: '300' },
    },
  });
  const here = dirname(fileURLToPath(import.meta.url));
  const shared = process.env.DYAD_SHARED ?? join(here, '..', '..', '..', 'shared');
  if (values.one) {
    // Child mode: one corpus, one worker count; print the result as JSON.
    const r = await one(values.file![0], Number(values.workers));
    process.stdout.write(JSON.stringify(r) + '\n');
    return;
  }
  if (values.put) {
    const f = values.file?.[0] ?? join(shared, 'corpora', 'bbc', 'articles.jsonl');
    if (!existsSync(f)) {
      console.log(`bench ingest --put: skipped — ${f} not found (pass --file)`);
      return;
    }
    return putBench(f, Number(values.limit));
  }
  const files = values.file ?? [join(shared, 'corpora', 'bbc', 'articles.jsonl'), join(shared, 'corpora', 'wikinews', 'articles.jsonl')];
  const present = files.filter((f) => existsSync(f));
  if (!present.length) {
    console.log(`bench ingest: skipped — ${files.join(', ')} not found (pass --file)`);
    return;
  }
  const cores = availableParallelism();
  const counts = values.workers ? values.workers.split(',').map(Number) : [...new Set([1, cores])];
  const results: RunResult[] = [];
  for (const f of present) {
    for (const w of counts) {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--one', '--file', f, '--workers', String(w)], { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (r.status !== 0) {
        console.error(`bench ingest: ${basename(f)} at ${w} workers failed: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`);
        continue;
      }
      const res = JSON.parse(r.stdout.trim().split('\n').pop()!) as RunResult;
      results.push(res);
      if (!values.json)
        console.log(
          `ingest ${basename(dirname(f))}/${basename(f)}: ${res.workers} worker(s) — ${res.stored} stored, ${res.duplicates} duplicate, ${res.failed} failed in ${res.seconds} s = ${res.articlesPerSecond} articles/s stored (${res.cpuSeconds} CPU s, ${res.articlesPerCpuSecond} articles per CPU-second); peak RSS ${res.peakRssMb} MB; ${res.mentions} event mentions → ${res.events} events; store ${res.dbMb} MB`,
        );
    }
  }
  if (values.json) console.log(JSON.stringify({ cores, node: process.version, date: new Date().toISOString(), results }, null, 2));
}

/**
 * Store writes alone (the main thread's share): code N articles once, then time putCoded of the
 * same documents into fresh stores at 1, 16 and 64 articles per transaction.
 */
async function putBench(file: string, limit: number): Promise<void> {
  const { readFileSync, statSync } = await import('node:fs');
  const { code } = await import('../src/code.js');
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, limit)
    .map((l) => JSON.parse(l) as { id?: string; text: string; title?: string; published?: string });
  const docs = rows.map((r) => code({ text: r.text, id: r.id, title: r.title }));
  const jsons = docs.map((d) => JSON.stringify(d));
  for (const group of [1, 16, 64]) {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-put-'));
    try {
      const store = openStore(join(dir, 'put.db'));
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      for (let i = 0; i < rows.length; i += group) {
        store.batch!(() => {
          for (let j = i; j < Math.min(rows.length, i + group); j++) store.putCoded({ id: rows[j].id, text: rows[j].text, title: rows[j].title }, docs[j], { docJson: jsons[j] });
        });
      }
      const cu = process.cpuUsage(c0);
      const wall = performance.now() - t0;
      store.close();
      void statSync;
      console.log(
        `putCoded ${rows.length} articles, ${group} per transaction: ${((cu.user + cu.system) / 1000 / rows.length).toFixed(2)} ms CPU and ${(wall / rows.length).toFixed(2)} ms wall per article (${Math.round((rows.length * 1000) / wall)} articles/s)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

await main();
