/**
 * Crash safety: SIGKILL the ingest process at random moments, a few hundred times; after every kill
 * the store must pass `PRAGMA integrity_check`, hold no article twice and no half-written article
 * (each article's rows are written in one transaction); after resuming to the end it must hold
 * every article exactly once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROOT } from './helpers.js';

const CHILD = join(ROOT, 'dist', 'test', 'fixtures', 'ingest', 'kill-child.js');
const KILLS = Number(process.env.DYAD_KILLS ?? 200);
const BUDGET_MS = Number(process.env.DYAD_KILL_BUDGET_MS ?? 90_000);

const WORDS = 'talks envoy border minister ceasefire troops parliament treaty sanctions summit strike election grain harbour'.split(' ');

function corpus(path: string, n: number): number {
  const lines: string[] = [];
  let unique = 0;
  for (let i = 0; i < n; i++) {
    const w = (k: number) => WORDS[(i * 7 + k * 3) % WORDS.length];
    lines.push(JSON.stringify({ id: `k${i}`, published: '2025-05-18', text: `Russia met the United States over ${w(1)} and ${w(2)} on day ${i}. Article ${i} goes on about the ${w(3)} at length.` }));
    unique++;
    if (i % 50 === 7) lines.push(JSON.stringify({ id: `dup${i}`, text: `Russia met the United States over ${w(1)} and ${w(2)} on day ${i}. Article ${i} goes on about the ${w(3)} at length.` }));
    if (i % 97 === 3) lines.push('{"id": broken');
  }
  writeFileSync(path, lines.join('\n') + '\n');
  return unique;
}

/** Run the child; kill it `afterMs` after it is ready (null: let it finish). Resolves true when it finished. */
function runChild(input: string, db: string, afterMs: number | null): Promise<{ finished: boolean; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, input, db], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let readyAt = 0;
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (!readyAt && out.includes('ready')) {
        readyAt = Date.now();
        if (afterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') return resolve({ finished: false, ms: Date.now() - readyAt });
      if (code !== 0) return reject(new Error(`child exited ${code}: ${err}`));
      resolve({ finished: out.includes('done'), ms: Date.now() - readyAt });
    });
  });
}

function check(db: string): { articles: number } {
  const d = new Database(db);
  try {
    assert.equal(d.pragma('integrity_check', { simple: true }), 'ok');
    const a = d.prepare('SELECT count(*) AS n, count(DISTINCT text_hash) AS h, count(DISTINCT external_id) AS e FROM articles').get() as { n: number; h: number; e: number };
    assert.equal(a.n, a.h, 'no article stored twice');
    assert.equal(a.n, a.e);
    // Atomic articles: every stored article has all its rows (2 event mentions in stored events, 1 quote, FTS).
    const ev = d.prepare('SELECT count(*) AS n FROM event_mentions').get() as { n: number };
    const dangling = d.prepare('SELECT count(*) AS n FROM event_mentions WHERE cluster_id IS NULL OR cluster_id NOT IN (SELECT id FROM event_clusters)').get() as { n: number };
    const empty = d.prepare('SELECT count(*) AS n FROM event_clusters c WHERE NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.cluster_id = c.id)').get() as { n: number };
    const counted = d.prepare('SELECT coalesce(sum(mentions), 0) AS n FROM event_clusters').get() as { n: number };
    const q = d.prepare('SELECT count(*) AS n FROM quotes').get() as { n: number };
    const fts = d.prepare("SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH 'Russia'").get() as { n: number };
    assert.equal(ev.n, 2 * a.n);
    assert.equal(dangling.n, 0, 'every mention is in a stored event');
    assert.equal(empty.n, 0, 'no event without mentions');
    assert.equal(counted.n, ev.n, 'event mention counts add up');
    assert.equal(q.n, a.n);
    assert.equal(fts.n, a.n);
    return { articles: a.n };
  } finally {
    d.close();
  }
}

test(`kill -9 during ingest (${KILLS} times): never corrupt, every article exactly once after resume`, { timeout: BUDGET_MS + 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-kill-'));
  try {
    const input = join(dir, 'in.jsonl');
    const unique = corpus(input, 400);
    // Calibrate: how long does a whole run take here?
    const cal = join(dir, 'cal.db');
    const full = await runChild(input, cal, null);
    assert.ok(full.finished);
    assert.equal(check(cal).articles, unique);
    const span = Math.max(20, full.ms);

    const t0 = Date.now();
    let kills = 0;
    let rounds = 0;
    let midway = 0;
    const more = () => kills < KILLS && Date.now() - t0 < BUDGET_MS;
    // Two lanes (separate stores) at once: the kill/resume cycle is mostly process start-up.
    const lane = async (name: string) => {
      while (more()) {
        const db = join(dir, `${name}-${++rounds}.db`);
        // Kill repeatedly until a run gets to the end by itself, then the store must be complete.
        for (let i = 0; more(); i++) {
          const r = await runChild(input, db, i > 40 ? null : Math.floor(Math.random() * span * 0.35));
          const { articles } = check(db);
          if (r.finished) {
            assert.equal(articles, unique, 'complete after resuming');
            break;
          }
          kills++;
          if (articles > 0 && articles < unique) midway++;
        }
        // Finish the round (resume) if the budget ran out mid-round.
        const last = await runChild(input, db, null);
        assert.ok(last.finished);
        assert.equal(check(db).articles, unique);
        for (const f of [db, db + '-wal', db + '-shm']) rmSync(f, { force: true });
      }
    };
    await Promise.all([lane('a'), lane('b')]);
    assert.ok(kills >= Math.min(KILLS, 10), `only ${kills} kills fitted in the time budget`);
    assert.ok(midway > 0, 'some kills landed mid-ingest');
    process.stdout.write(`# kill test: ${kills} kills in ${rounds} rounds, ${midway} mid-ingest, ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
