/** Ingest: every input format, idempotency, errors that do not stop the run, URL fetching rules. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { ingest, safeFetch, isPrivateAddress, readWarc } from '../src/ingest/index.js';
import { openStore, SqliteStore } from '../src/store/index.js';
import { ROOT } from './helpers.js';
import { stubCoder } from './fixtures/ingest/fake-doc.js';

const FIX = join(ROOT, 'test', 'fixtures', 'ingest');
const fx = (n: string) => join(FIX, n);

function tmp(): { dir: string; db: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-ingest-'));
  return { dir, db: join(dir, 'dyad.db'), done: () => rmSync(dir, { recursive: true, force: true }) };
}

function allArticles(db: string) {
  const s = openStore(db) as SqliteStore;
  const rows = s.db.prepare('SELECT id, external_id, title, outlet, published, url, canonical_url, text, html, provenance, source FROM articles ORDER BY id').all() as Record<string, string | null>[];
  const errors = s.db.prepare('SELECT source, reason FROM errors ORDER BY id').all() as { source: string; reason: string }[];
  s.close();
  return { rows, errors };
}

test('ingest HTML page: Readability body, metadata with provenance, raw HTML kept, canonical URL', async () => {
  const t = tmp();
  try {
    const sum = await ingest([fx('page.html')], { db: t.db, coder: stubCoder });
    assert.deepEqual([sum.stored, sum.duplicates, sum.failed], [1, 0, 0]);
    const [a] = allArticles(t.db).rows;
    assert.equal(a.title, 'Ministers agree new grain corridor after talks in Valletta');
    assert.equal(a.outlet, 'The Harbour Gazette');
    assert.equal(a.published, '2025-03-14T09:30:00Z');
    assert.equal(a.canonical_url, 'https://gazette.example/world/grain-corridor-talks');
    const prov = JSON.parse(a.provenance!);
    assert.equal(prov.published, 'meta[property=article:published_time]');
    assert.equal(prov.title, 'meta[property=og:title]');
    assert.equal(prov.byline, 'Mara Ellul');
    assert.equal(prov.text, 'readability');
    assert.match(a.text!, /^.*Foreign ministers from Turkey and Greece agreed/m);
    assert.match(a.text!, /fishing rights stalled earlier negotiations\.$/);
    assert.doesNotMatch(a.text!, /Most read|tracking|Sport|Harbour festival/);
    assert.ok(a.text!.includes('\n\n'), 'paragraphs kept');
    assert.equal(a.html, readFileSync(fx('page.html'), 'utf8'));
  } finally {
    t.done();
  }
});

test('ingest plain text, directories recursively, and idempotent re-runs', async () => {
  const t = tmp();
  try {
    const d = join(t.dir, 'in');
    mkdirSync(join(d, 'sub', 'deeper'), { recursive: true });
    copyFileSync(fx('plain.txt'), join(d, 'a.txt'));
    copyFileSync(fx('page.html'), join(d, 'sub', 'deeper', 'page.html'));
    writeFileSync(join(d, '.hidden.txt'), 'should be skipped entirely because hidden');
    const first = await ingest([d], { db: t.db, coder: stubCoder });
    assert.deepEqual([first.stored, first.duplicates, first.failed], [2, 0, 0]);
    const again = await ingest([d, fx('plain.txt')], { db: t.db, coder: stubCoder });
    assert.deepEqual([again.stored, again.duplicates, again.failed], [0, 3, 0]);
    const { rows } = allArticles(t.db);
    assert.equal(rows.length, 2);
    assert.equal(rows[0].text, readFileSync(fx('plain.txt'), 'utf8'));
  } finally {
    t.done();
  }
});

test('ingest JSONL: a broken line is an error row naming file and line, the run goes on', async () => {
  const t = tmp();
  try {
    const errs: string[] = [];
    const sum = await ingest([fx('articles.jsonl')], { db: t.db, coder: stubCoder, onError: (s, r) => errs.push(`${s}: ${r}`) });
    assert.deepEqual([sum.stored, sum.duplicates, sum.failed], [3, 0, 2]);
    const { rows, errors } = allArticles(t.db);
    assert.deepEqual(rows.map((r) => r.external_id), ['j1', 'j3', 'j5']);
    assert.equal(rows[0].outlet, 'Valley Post');
    assert.equal(rows[1].published, null, 'an invalid date is dropped, not fatal');
    assert.equal(JSON.parse(rows[1].provenance!)['published.invalid'], 'not a date');
    assert.equal(rows[2].title, 'Wind farm approved');
    assert.match(rows[2].text!, /offshore wind farm/);
    assert.equal(errors.length, 2);
    assert.match(errors[0].source, /articles\.jsonl:2$/);
    assert.match(errors[0].reason, /not valid JSON/);
    assert.match(errors[1].source, /articles\.jsonl:4$/);
    assert.match(errors[1].reason, /text/);
    assert.equal(errs.length, 2);
  } finally {
    t.done();
  }
});

test('ingest gzip: gzipped JSONL and HTML read like the plain files', async () => {
  const t = tmp();
  try {
    writeFileSync(join(t.dir, 'a.jsonl.gz'), gzipSync(readFileSync(fx('articles.jsonl'))));
    writeFileSync(join(t.dir, 'page.gz'), gzipSync(readFileSync(fx('page.html'))));
    const sum = await ingest([join(t.dir, 'a.jsonl.gz'), join(t.dir, 'page.gz')], { db: t.db, coder: stubCoder });
    assert.deepEqual([sum.stored, sum.duplicates, sum.failed], [4, 0, 2]);
    assert.equal(allArticles(t.db).rows[3].outlet, 'The Harbour Gazette');
  } finally {
    t.done();
  }
});

test('ingest WARC: response records (plain, chunked), plain and gzip-per-record', async () => {
  const raw = readFileSync(fx('two.warc'));
  const recs = [];
  async function* chunks() {
    yield raw.subarray(0, 500);
    yield raw.subarray(500, 1200);
    yield raw.subarray(1200);
  }
  for await (const r of readWarc(chunks())) recs.push(r);
  assert.deepEqual(recs.map((r) => r.type), ['warcinfo', 'request', 'response', 'response']);
  const t = tmp();
  try {
    const sum = await ingest([fx('two.warc')], { db: t.db, coder: stubCoder });
    assert.deepEqual([sum.stored, sum.duplicates, sum.failed], [2, 0, 0]);
    const { rows } = allArticles(t.db);
    assert.deepEqual(rows.map((r) => r.title), ['Dam talks resume', 'Election date set']);
    assert.deepEqual(rows.map((r) => r.url), ['https://lakeside.example/dam', 'https://lakeside.example/election']);
    assert.equal(rows[1].published, '2025-01-22');
    assert.match(rows[1].text!, /second Sunday in May/);
    assert.equal(rows[0].outlet, 'Lakeside Times');
    // Gzip with one member per record, as Common Crawl ships WARC files.
    const t2 = tmp();
    try {
      const parts: Buffer[] = [];
      let off = 0;
      for (;;) {
        const next = raw.indexOf('WARC/1.0', off + 1);
        parts.push(gzipSync(raw.subarray(off, next < 0 ? raw.length : next)));
        if (next < 0) break;
        off = next;
      }
      assert.equal(parts.length, 4);
      writeFileSync(join(t2.dir, 'x.warc.gz'), Buffer.concat(parts));
      const s2 = await ingest([join(t2.dir, 'x.warc.gz')], { db: t2.db, coder: stubCoder });
      assert.deepEqual([s2.stored, s2.failed], [2, 0]);
      // A truncated WARC: the complete records are kept, the rest is one error naming the file.
      writeFileSync(join(t2.dir, 'cut.warc'), raw.subarray(0, raw.length - 300));
      const s3 = await ingest([join(t2.dir, 'cut.warc')], { db: t2.db, coder: stubCoder });
      assert.equal(s3.failed, 1);
      assert.match(s3.errors[0].source, /cut\.warc/);
    } finally {
      t2.done();
    }
  } finally {
    t.done();
  }
});

// ------------------------------------------------------------------------------------------------
// A local HTTP server on 127.0.0.1 (reachable only with --allow-private).

async function withServer(fn: (base: string, hits: Map<string, number>) => Promise<void>): Promise<void> {
  const hits = new Map<string, number>();
  const page = readFileSync(fx('page.html'));
  let base = '';
  const server: Server = createServer((req, res) => {
    const u = req.url ?? '/';
    hits.set(u, (hits.get(u) ?? 0) + 1);
    if (u === '/page') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    if (u === '/gz') return res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(gzipSync(page));
    if (u === '/r1') return res.writeHead(302, { location: '/r2' }).end();
    if (u === '/r2') return res.writeHead(301, { location: `${base}/page` }).end();
    if (u === '/loop') return res.writeHead(302, { location: '/loop' }).end();
    if (u === '/to-other') return res.writeHead(302, { location: base.replace('127.0.0.1', '127.0.0.2') + '/page' }).end();
    if (u === '/big') return res.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.alloc(300_000, 0x61));
    if (u === '/bigchunked') {
      res.writeHead(200, { 'content-type': 'text/html' });
      for (let i = 0; i < 30; i++) res.write(Buffer.alloc(10_000, 0x61));
      return res.end();
    }
    if (u === '/slow') return setTimeout(() => res.writeHead(200).end('late'), 2000);
    if (u === '/port-strike')
      return res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<html><head><meta property="og:site_name" content="Northern Ledger"></head><body><article><p>Dock workers in Bergen returned to work on Wednesday after their union accepted a pay offer from the port authority, ending a strike that had lasted eleven days.</p><p>The union leader said the agreement was fair and that members had voted by a large margin to accept it after a long night of meetings at the harbour.</p></article></body></html>');
    if (u === '/feed') {
      const xml = readFileSync(fx('feed.rss'), 'utf8').replace('https://ledger.example/2025/04/port-strike', `${base}/port-strike`);
      return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(xml);
    }
    res.writeHead(404).end('no');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await fn(base, hits);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

test('SSRF: private, loopback and link-local addresses are refused', async () => {
  for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '224.0.0.1', 'nonsense'])
    assert.equal(isPrivateAddress(a), true, a);
  for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '93.184.216.34']) assert.equal(isPrivateAddress(a), false, a);
  await withServer(async (base, hits) => {
    await assert.rejects(safeFetch(`${base}/page`), /refused: 127\.0\.0\.1 resolves to private or loopback/);
    await assert.rejects(safeFetch(base.replace('127.0.0.1', 'localhost') + '/page'), /refused/);
    await assert.rejects(safeFetch('http://[::1]:9/'), /refused/);
    await assert.rejects(safeFetch('file:///etc/passwd'), /only http and https/);
    await assert.rejects(safeFetch('http://user:pw@example.com/'), /credentials/);
    assert.equal(hits.size, 0, 'nothing was contacted');
    // Each redirect hop is checked too: allow only 127.0.0.1, redirect to 127.0.0.2.
    await assert.rejects(safeFetch(`${base}/to-other`, { addressAllowed: (a) => a === '127.0.0.1' }), /refused: 127\.0\.0\.2/);
    // Through ingest: refused without --allow-private, recorded as an error, exit summary counts it.
    const t = tmp();
    try {
      const sum = await ingest([`${base}/page`], { db: t.db, coder: stubCoder });
      assert.deepEqual([sum.stored, sum.failed], [0, 1]);
      assert.match(sum.errors[0].reason, /refused/);
    } finally {
      t.done();
    }
  });
});

test('fetch with --allow-private: redirects, redirect limit, size cap, timeout, gzip', async () => {
  await withServer(async (base) => {
    const ok = await safeFetch(`${base}/r1`, { allowPrivate: true });
    assert.equal(ok.url, `${base}/page`);
    assert.equal(ok.chain.length, 3);
    assert.match(ok.body.toString(), /grain corridor/);
    const gz = await safeFetch(`${base}/gz`, { allowPrivate: true });
    assert.match(gz.body.toString(), /grain corridor/);
    await assert.rejects(safeFetch(`${base}/loop`, { allowPrivate: true, maxRedirects: 3 }), /too many redirects/);
    await assert.rejects(safeFetch(`${base}/big`, { allowPrivate: true, maxBytes: 100_000 }), /limit is 100000|larger than/);
    await assert.rejects(safeFetch(`${base}/bigchunked`, { allowPrivate: true, maxBytes: 100_000 }), /larger than 100000/);
    await assert.rejects(safeFetch(`${base}/slow`, { allowPrivate: true, timeoutMs: 300 }), /timed out/);
    await assert.rejects(safeFetch(`${base}/missing`, { allowPrivate: true }), /HTTP 404/);
  });
});

test('ingest URLs and feeds (RSS full content, summary-only item followed to its page, Atom)', async () => {
  await withServer(async (base, hits) => {
    const t = tmp();
    try {
      const sum = await ingest([`${base}/r1`, `${base}/feed`, fx('feed.atom')], { db: t.db, coder: stubCoder, allowPrivate: true });
      assert.deepEqual([sum.stored, sum.duplicates, sum.failed], [4, 0, 0], JSON.stringify(sum.errors));
      const { rows } = allArticles(t.db);
      assert.equal(rows[0].url, `${base}/page`);
      assert.equal(rows[0].canonical_url, 'https://gazette.example/world/grain-corridor-talks');
      // RSS item with full content: from the feed, dated by the item.
      assert.equal(rows[1].title, 'Parliament backs border accord');
      assert.match(rows[1].text!, /Lawmakers in Oslo voted/);
      assert.equal(JSON.parse(rows[1].provenance!).published, 'rss item date');
      assert.equal(rows[1].outlet, 'Northern Ledger');
      // Summary-only item: its link was fetched and extracted.
      assert.equal(hits.get('/port-strike'), 1);
      assert.match(rows[2].text!, /long night of meetings/);
      assert.equal(rows[2].title, 'Port strike ends after pay deal');
      assert.equal(rows[3].outlet, 'Coastal Wire');
      assert.equal(rows[3].published, '2025-06-01T18:00:00Z');
      // Re-run: stored URLs are not fetched again.
      const again = await ingest([`${base}/page`, `${base}/feed`], { db: t.db, coder: stubCoder, allowPrivate: true });
      assert.deepEqual([again.stored, again.duplicates, again.failed], [0, 3, 0]);
      assert.equal(hits.get('/page'), 1);
      assert.equal(hits.get('/port-strike'), 1);
    } finally {
      t.done();
    }
  });
});

test('ingest with the real pipeline in a worker thread; CLI summary and exit codes', async () => {
  const t = tmp();
  try {
    const sum = await ingest([fx('plain.txt'), fx('page.html')], { db: t.db, workers: 1 });
    assert.deepEqual([sum.stored, sum.failed], [2, 0]);
    const s = openStore(t.db);
    const got = s.article('1');
    assert.ok(got);
    assert.equal(typeof got.doc.dyad, 'string');
    assert.notEqual(got.doc.dyad, 'stub');
    s.close();
    const cli = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'dyad.js'), ...args], { encoding: 'utf8' });
    const r = cli(['ingest', fx('plain.txt'), join(t.dir, 'missing.txt'), '--db', t.db, '--workers', '0', '--quiet']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /missing\.txt: no such file/);
    assert.match(r.stderr, /0 stored, 1 skipped as duplicate, 1 failed/);
    const bad = cli(['ingest', join(t.dir, 'missing.txt'), '--db', join(t.dir, 'other.db'), '--quiet']);
    assert.equal(bad.status, 1, 'nothing could be read');
    assert.equal(bad.stderr.trim().split('\n').length, 2);
    const q = cli(['events', '--db', join(t.dir, 'nothing-here.db')]);
    assert.equal(q.status, 2);
    assert.equal(q.stderr.trim().split('\n').length, 1);
    assert.match(q.stderr, /no such store/);
    const j = cli(['actors', '--db', t.db, '--format', 'json']);
    assert.equal(j.status, 0, j.stderr);
    assert.ok(Array.isArray(JSON.parse(j.stdout)));
  } finally {
    t.done();
  }
});

test('a runaway article: its worker is replaced, the article is an error, the run ends', async () => {
  const t = tmp();
  try {
    // A 1 ms limit: no article can be coded that fast in a fresh worker.
    const sum = await ingest([fx('plain.txt'), fx('page.html')], { db: t.db, workers: 1, jobTimeoutMs: 1 });
    assert.deepEqual([sum.stored, sum.failed], [0, 2]);
    assert.match(sum.errors[0].reason, /coding took longer than/);
  } finally {
    t.done();
  }
});
