/** API tests: a real server on a loopback port (port 0) over a real SQLite store in a temp dir. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type Running } from '../src/server/app.js';
import type { Store } from '../src/store/types.js';
import { allFixtures, usaRus } from './server-fixtures.js';
import { openStore } from '../src/store/index.js';

const TOKEN = 'test-token-123456';
let dir: string;
let store: Store;
let srv: Running;
/** Fixture id → store id. */
const ids = new Map<string, string>();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dyad-server-test-'));
  store = openStore(join(dir, 'test.db'));
  for (const f of allFixtures()) ids.set(f.article.id!, store.putCoded(f.article, f.doc).articleId);
  store.dedupe();
  srv = await startServer({ store, token: TOKEN });
});
after(async () => {
  await srv?.close();
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get(path: string, headers: Record<string, string> = {}) {
  const r = await fetch(srv.url + path, { headers });
  const type = r.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await r.json() : await r.text();
  return { status: r.status, type, body: body as any, headers: r.headers };
}
async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const r = await fetch(srv.url + path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: r.status, body: (await r.json()) as any };
}

test('binds to loopback by default and serves the OpenAPI document', async () => {
  assert.ok(srv.url.startsWith('http://127.0.0.1:'));
  const r = await get('/api/v1/openapi.json');
  assert.equal(r.status, 200);
  assert.equal(r.body.openapi, '3.0.3');
  for (const p of ['/code', '/articles', '/articles/{id}', '/events', '/actors', '/quotes', '/search', '/stats/timeline', '/stats/network']) assert.ok(r.body.paths[p], p);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  const refs = new Set<string>(JSON.stringify(r.body).match(/#\/components\/schemas\/\w+/g) ?? []);
  for (const ref of refs) assert.ok(r.body.components.schemas[ref.split('/').pop()!], `unresolved ${ref}`);
});

test('GET /events filters by dyad, either direction, and pages with a cursor', async () => {
  const r = await get('/api/v1/events?dyad=USA:RUS');
  assert.equal(r.status, 200);
  assert.ok(r.body.rows.length >= 2, JSON.stringify(r.body));
  for (const e of r.body.rows) {
    const sides = [e.sourceCountry, e.targetCountry].sort().join(':');
    assert.equal(sides, 'RUS:USA');
  }
  const dir = await get('/api/v1/events?dyad=USA:RUS&directed=true');
  assert.ok(dir.body.rows.every((e: any) => e.sourceCountry === 'USA'));
  assert.ok(dir.body.rows.length < r.body.rows.length);
  const p1 = await get('/api/v1/events?limit=2');
  assert.equal(p1.body.rows.length, 2);
  assert.ok(p1.body.next);
  const p2 = await get(`/api/v1/events?limit=2&cursor=${encodeURIComponent(p1.body.next)}`);
  const ids1 = p1.body.rows.map((e: any) => e.id), ids2 = p2.body.rows.map((e: any) => e.id);
  assert.ok(ids2.length >= 1);
  assert.ok(ids2.every((id: string) => !ids1.includes(id)));
});

test('GET /events: code, quad, modality, date and place filters; field selection', async () => {
  const conflict = await get('/api/v1/events?quad=4');
  assert.ok(conflict.body.rows.length >= 1);
  assert.ok(conflict.body.rows.every((e: any) => e.quad === 4));
  const c = await get('/api/v1/events?code=11');
  assert.ok(c.body.rows.length >= 1 && c.body.rows.every((e: any) => e.code.startsWith('11')));
  const d = await get('/api/v1/events?since=2025-05-18&until=2025-05-31');
  assert.ok(d.body.rows.length >= 1 && d.body.rows.every((e: any) => e.date >= '2025-05-18' && e.date <= '2025-05-31'));
  const pl = await get('/api/v1/events?place=Geneva');
  assert.ok(pl.body.rows.length >= 1 && pl.body.rows.every((e: any) => e.placeName === 'Geneva'));
  const f = await get('/api/v1/events?fields=id,code');
  assert.deepEqual(Object.keys(f.body.rows[0]).sort(), ['code', 'id']);
});

test('CSV and GeoJSON exports', async () => {
  const csv = await get('/api/v1/events?format=csv&fields=id,code,sentence');
  assert.equal(csv.status, 200);
  assert.match(csv.type, /text\/csv/);
  const lines = csv.body.trim().split('\r\n');
  assert.equal(lines[0], 'id,code,sentence');
  assert.ok(lines.length >= 5);
  const geo = await get('/api/v1/events?format=geojson');
  assert.match(geo.type, /geo\+json/);
  assert.equal(geo.body.type, 'FeatureCollection');
  assert.ok(geo.body.features.length >= 3);
  const geneva = geo.body.features.find((f: any) => f.properties.placeName === 'Geneva');
  assert.deepEqual(geneva.geometry.coordinates, [6.15, 46.2]);
  assert.ok(geo.body.unlocated >= 1);
});

test('validation: clear 400s for bad input', async () => {
  for (const [q, word] of [
    ['limit=0', 'limit'], ['limit=abc', 'limit'], ['code=abc', 'code'], ['quad=7', 'quad'], ['since=2025-13-01', 'since'],
    ['since=2025-05-10&until=2025-05-01', 'after'], ['modality=maybe', 'modality'], ['format=xml', 'format'], ['fields=id,nope', 'nope'],
    ['dyad=USA', 'dyad'], ['bogus=1', 'bogus'], ['actor=a&actor=b', 'more than once'], ["actor=x'%3B%20DROP%20TABLE%20events%3B--&limit=1", ''],
  ] as const) {
    const r = await get('/api/v1/events?' + q);
    if (!word) {
      assert.equal(r.status, 200, q); // hostile text is only a filter value: no rows, no error
      continue;
    }
    assert.equal(r.status, 400, q);
    assert.equal(r.body.error.status, 400);
    assert.ok(r.body.error.message.includes(word), `${q}: ${r.body.error.message}`);
  }
  assert.equal((await get('/api/v1/search')).status, 400);
  assert.equal((await get('/api/v1/nothing')).status, 404);
  assert.equal((await get('/api/v1/articles/no-such-article')).status, 404);
  const m = await fetch(srv.url + '/api/v1/events', { method: 'DELETE' });
  assert.equal(m.status, 405);
  assert.ok(m.headers.get('allow'));
});

test('GET /articles/{id} returns the text and the coded document', async () => {
  const r = await get('/api/v1/articles/' + ids.get('test-usa-rus'));
  assert.equal(r.status, 200);
  assert.equal(r.body.article.text, usaRus().article.text);
  assert.ok(r.body.doc.events.length >= 2);
  const ev = r.body.doc.events[0];
  assert.equal(r.body.article.text.slice(ev.evidence.start, ev.evidence.end), ev.evidence.text);
  assert.equal(r.body.article.html, undefined);
});

test('GET /actors, /quotes, /search', async () => {
  const a = await get('/api/v1/actors?actor=RUS');
  assert.ok(a.body.rows.length >= 1);
  assert.ok(a.body.rows.every((x: any) => (x.code ?? '').startsWith('RUS') || /rus/i.test(x.name)));
  const q = await get('/api/v1/quotes?speaker=Rubio');
  assert.equal(q.body.rows.length, 1);
  assert.match(q.body.rows[0].text, /frank discussion/);
  const s = await get('/api/v1/search?q=Lavrov');
  assert.ok(s.body.rows.some((x: any) => x.articleId === ids.get('test-usa-rus')));
});

test('stats: timeline by day and week, network with mean Goldstein', async () => {
  const t = await get('/api/v1/stats/timeline?bucket=day');
  assert.equal(t.status, 200);
  const total = t.body.points.reduce((n: number, p: any) => n + p.count, 0);
  assert.ok(total >= 6);
  for (const p of t.body.points) assert.equal(p.quad1 + p.quad2 + p.quad3 + p.quad4, p.count);
  // Three USA–RUS events in the fixtures: a meeting, an accusation, a demand.
  const d = await get('/api/v1/stats/timeline?dyad=USA:RUS');
  assert.equal(d.body.points.reduce((n: number, p: any) => n + p.count, 0), 3);
  const dd = await get('/api/v1/stats/timeline?dyad=RUS:USA&directed=true');
  assert.equal(dd.body.points.reduce((n: number, p: any) => n + p.count, 0), 1);
  const w = await get('/api/v1/stats/timeline?bucket=week');
  assert.ok(w.body.points.length < t.body.points.length);
  const n = await get('/api/v1/stats/network?by=country');
  assert.equal(n.status, 200);
  const fd = n.body.edges.find((e: any) => e.source === 'FRA' && e.target === 'DEU');
  assert.ok(fd, JSON.stringify(n.body.edges));
  assert.equal(fd.count, 1);
  assert.equal(fd.meanGoldstein, 8);
  assert.ok(n.body.nodes.some((x: any) => x.id === 'RUS'));
});

test('POST /code codes an article and stores nothing', async () => {
  const before = (await get('/api/v1')).body.counts.articles;
  const r = await post('/api/v1/code?published=2025-06-06', JSON.stringify({ text: 'Russia and Ukraine agreed on Thursday to exchange prisoners.' }));
  assert.equal(r.status, 200);
  assert.equal(r.body.article.published, '2025-06-06');
  assert.ok(Array.isArray(r.body.events));
  assert.equal((await get('/api/v1')).body.counts.articles, before);
  assert.equal((await post('/api/v1/code', '{"text": 5}')).status, 400);
  assert.equal((await post('/api/v1/code', '{not json')).status, 400);
  const ct = await fetch(srv.url + '/api/v1/code', { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } });
  assert.equal(ct.status, 415);
});

test('writes need the bearer token; bodies are size-limited', async () => {
  const art = JSON.stringify({ id: 'posted-1', text: 'NATO leaders met in Brussels on Monday to discuss support for Ukraine.', published: '2025-06-02' });
  const no = await post('/api/v1/articles', art);
  assert.equal(no.status, 401);
  const wrong = await post('/api/v1/articles', art, { authorization: 'Bearer wrong-token-xx' });
  assert.equal(wrong.status, 401);
  const ok = await post('/api/v1/articles', art, { authorization: `Bearer ${TOKEN}` });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.results.length, 1);
  assert.equal(ok.body.results[0].duplicate, false);
  const again = await post('/api/v1/articles', art, { authorization: `Bearer ${TOKEN}` });
  assert.equal(again.body.results[0].duplicate, true);
  const got = await get('/api/v1/articles/' + encodeURIComponent(ok.body.results[0].articleId));
  assert.equal(got.status, 200);
  // Its events are queryable at once (the store clusters as it stores).
  const evs = await get('/api/v1/events?mentions=true&article=' + encodeURIComponent(ok.body.results[0].articleId));
  assert.equal(evs.body.rows.length, ok.body.results[0].events);
  assert.equal(got.body.doc.events.length, ok.body.results[0].events);
  const batch = await post('/api/v1/articles', JSON.stringify([{ text: 'ok' }, { text: 7 }]), { authorization: `Bearer ${TOKEN}` });
  assert.equal(batch.status, 400);
  assert.match(batch.body.error.message, /article 1/);
  const big = await post('/api/v1/articles', JSON.stringify({ text: 'x'.repeat(2_200_000) }), { authorization: `Bearer ${TOKEN}` });
  assert.equal(big.status, 413);
});

test('no token configured: writes refused with 403 saying how to set one; --private guards reads', async () => {
  const open = await startServer({ store });
  try {
    const r = await fetch(open.url + '/api/v1/articles', { method: 'POST', body: '{"text":"x"}', headers: { 'content-type': 'application/json', authorization: 'Bearer anything' } });
    assert.equal(r.status, 403);
    const body = (await r.json()) as any;
    assert.match(body.error.message, /--token/);
    assert.match(body.error.message, /DYAD_TOKEN/);
  } finally {
    await open.close();
  }
  const priv = await startServer({ store, token: TOKEN, private: true });
  try {
    assert.equal((await fetch(priv.url + '/api/v1/events')).status, 401);
    assert.equal((await fetch(priv.url + '/api/v1/events', { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);
    // The dashboard's static files carry no data and stay reachable so it can ask for the token.
    assert.equal((await fetch(priv.url + '/')).status, 200);
  } finally {
    await priv.close();
  }
});

test('static files: dashboard, vendored map and client, no path traversal', async () => {
  const idx = await get('/');
  assert.equal(idx.status, 200);
  assert.match(idx.type, /text\/html/);
  assert.match(idx.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  const world = await get('/vendor/countries-110m.json');
  assert.equal(world.status, 200);
  assert.equal(world.body.type, 'Topology');
  assert.equal((await get('/vendor/topojson-client.js')).status, 200);
  const paths = await get('/vendor/world-110m-paths.json');
  assert.equal(paths.status, 200);
  assert.ok(paths.body.countries.length >= 170, String(paths.body.countries.length));
  const france = paths.body.countries.find((c: any) => c.name === 'France');
  assert.match(france.d, /^M[\d.]+,[\d.]+L/);
  for (const p of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%2e%2e%2f%2e%2e%2fetc/passwd']) {
    const r = await fetch(srv.url + p);
    assert.notEqual(r.status, 200, p);
  }
});

test('exports follow the store cursor past one page', async () => {
  const all = await get('/api/v1/events?format=csv&fields=id&limit=50000');
  const n = all.body.trim().split('\r\n').length - 1;
  const j = await get('/api/v1/events?limit=1000');
  assert.equal(n, j.body.rows.length);
  const two = await get('/api/v1/events?format=csv&fields=id&limit=2');
  assert.equal(two.body.trim().split('\r\n').length - 1, 2);
});

test('GET responses are cached until a write', async () => {
  const a = await get('/api/v1/stats/network?by=code&limit=7');
  const b = await get('/api/v1/stats/network?by=code&limit=7');
  assert.equal(a.headers.get('x-cache'), null);
  assert.equal(b.headers.get('x-cache'), 'hit');
  assert.deepEqual(a.body, b.body);
  const w = await post('/api/v1/articles', JSON.stringify({ text: 'Germany and Poland agreed on Tuesday to expand border patrols, officials said.', published: '2025-06-03' }), { authorization: `Bearer ${TOKEN}` });
  assert.equal(w.status, 201);
  const c = await get('/api/v1/stats/network?by=code&limit=7');
  assert.equal(c.headers.get('x-cache'), null);
});
