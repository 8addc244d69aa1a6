/** The SQLite store: round trip, idempotency, filters, paging, aggregates, migrations. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { MIGRATIONS } from '../src/store/schema.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, urlKey, textHash, dayOf, ftsQuery } from '../src/store/index.js';
import { fakeDoc } from './fixtures/ingest/fake-doc.js';

function tmp(): { dir: string; db: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-store-'));
  return { dir, db: join(dir, 'test.db') };
}

test('store: round trip of a coded article (article + doc back, rows queryable)', () => {
  const { dir, db } = tmp();
  try {
    const s = openStore(db);
    const text = 'Russia met the United States in Istanbul. More text follows here.';
    const doc = fakeDoc(text, { published: '2025-05-18', date: '2025-05-16' });
    const r = s.putCoded({ text, url: 'https://news.example/a?utm_source=x', outlet: 'Example', title: 'T', published: '2025-05-18', html: '<p>x</p>', provenance: { title: 'og:title' } }, doc);
    assert.equal(r.duplicate, false);
    const back = s.article(r.articleId);
    assert.ok(back);
    assert.equal(back.article.text, text);
    assert.equal(back.article.html, '<p>x</p>');
    assert.deepEqual(back.article.provenance, { title: 'og:title' });
    assert.equal(back.article.canonicalUrl, 'https://news.example/a');
    assert.deepEqual(back.doc, doc);
    const c = s.counts();
    assert.deepEqual({ ...c }, { articles: 1, events: 2, mentions: 2, actors: 2, quotes: 1, errors: 0 });
    const evs = s.events({});
    assert.equal(evs.total, 2);
    const meet = evs.rows.find((e) => e.code === '036');
    assert.ok(meet);
    assert.equal(meet.sourceName, 'Russia');
    assert.equal(meet.targetCode, 'USA');
    assert.equal(meet.date, '2025-05-16');
    assert.equal(meet.placeName, 'Istanbul');
    assert.equal(meet.outlet, 'Example');
    assert.equal(text.slice(meet.evidenceStart, meet.evidenceEnd), meet.sentence);
    const threat = evs.rows.find((e) => e.code === '138');
    assert.ok(threat?.quoteId);
    const one = s.event(meet.id);
    assert.equal(one?.mentions.length, 1);
    assert.equal(s.article('999'), null);
    s.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('store: idempotent by canonical URL and by normalised text; reprints become copies', () => {
  const { dir, db } = tmp();
  try {
    const s = openStore(db);
    const text = 'Russia met the United States in Istanbul.';
    const a = s.putCoded({ text, url: 'https://www.news.example/a/', outlet: 'A' }, fakeDoc(text));
    // Same URL (different form), different text: duplicate.
    const b = s.putCoded({ text: 'Something else entirely.', url: 'http://news.example/a#top' }, fakeDoc('Something else entirely.'));
    assert.equal(b.duplicate, true);
    assert.equal(b.articleId, a.articleId);
    // Same text modulo case, spacing and punctuation, other outlet: duplicate, counted as a source.
    const c = s.putCoded({ text: '  russia MET the united states, in Istanbul ', outlet: 'B', url: 'https://b.example/x' }, fakeDoc(text));
    assert.equal(c.duplicate, true);
    assert.equal(s.counts().articles, 1);
    assert.equal(s.counts().mentions, 2);
    const e = s.events({}).rows[0];
    assert.equal(e.sources, 2);
    assert.equal(e.articles, 2);
    assert.equal(s.hasArticle({ url: 'https://b.example/x' }), a.articleId);
    assert.equal(s.hasArticle({ text: 'RUSSIA met the United States in Istanbul!' }), a.articleId);
    assert.equal(s.hasArticle({ text: 'new' }), null);
    assert.equal(s.articles({}).rows[0].copies, 1);
    // Errors are recorded once per (source, reason).
    s.recordError('f.jsonl:3', 'not valid JSON');
    s.recordError('f.jsonl:3', 'not valid JSON');
    assert.equal(s.counts().errors, 1);
    assert.equal(s.errors({}).rows[0].source, 'f.jsonl:3');
    s.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('store: event filters, dyads either direction, paging with cursors', () => {
  const { dir, db } = tmp();
  try {
    const s = openStore(db);
    for (let i = 0; i < 7; i++) {
      const text = `Russia met the United States in Istanbul on day ${i}. Report number ${i}.`;
      s.putCoded({ text, published: `2025-05-${String(10 + i).padStart(2, '0')}`, outlet: i % 2 ? 'Odd' : 'Even' }, fakeDoc(text, { published: `2025-05-${10 + i}` }));
    }
    const text = 'China met France in Paris. Other.';
    s.putCoded({ text, published: '2024-01-02' }, fakeDoc(text, { a: ['China', 'CHN', 'CHN'], b: ['France', 'FRA', 'FRA'] }));
    assert.equal(s.events({ mentions: true }).total, 16);
    assert.equal(s.events({ mentions: true, dyad: 'USA:RUS' }).total, 14);
    assert.equal(s.events({ mentions: true, dyad: 'USA:RUS', directed: true }).total, 7);
    assert.equal(s.events({ mentions: true, dyad: 'RUS:USA', directed: true, code: '03' }).total, 7);
    assert.equal(s.events({ mentions: true, actor: 'CHN' }).total, 2);
    assert.equal(s.events({ mentions: true, actor: 'chin' }).total, 2, 'name substring');
    assert.equal(s.events({ mentions: true, code: '13' }).total, 8);
    assert.equal(s.events({ mentions: true, plover: 'consult' }).total, 8);
    assert.equal(s.events({ mentions: true, modality: 'future' }).total, 8);
    assert.equal(s.events({ mentions: true, quad: 4 }).total, 8);
    assert.equal(s.events({ mentions: true, since: '2025-05-15' }).total, 4);
    assert.equal(s.events({ mentions: true, until: '2025-05-11' }).total, 6);
    assert.equal(s.events({ mentions: true, until: '2024' }).total, 2);
    assert.equal(s.events({ mentions: true, since: '2025-05', until: '2025-05' }).total, 14);
    assert.equal(s.events({ mentions: true, place: 'istan' }).total, 16);
    assert.equal(s.events({ mentions: true, place: 'TUR' }).total, 16);
    assert.equal(s.events({ mentions: true, text: 'China' }).total, 2);
    assert.equal(s.events({ mentions: true, actor: "x' OR 1=1 --" }).total, 0, 'parameterised');
    assert.throws(() => s.events({ mentions: true, dyad: 'USA' }), /dyad/);
    assert.throws(() => s.events({ mentions: true, cursor: 'garbage' }), /cursor/);
    // Paging: disjoint pages covering everything, newest first.
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    let prevDay = '9999';
    do {
      const p = s.events({ mentions: true, limit: 3, cursor });
      for (const r of p.rows) {
        assert.ok(!seen.has(r.id));
        seen.add(r.id);
        const d = r.date ?? r.firstSeen ?? '';
        assert.ok(d <= prevDay || r.date === null);
      }
      cursor = p.next ?? undefined;
      pages++;
    } while (cursor);
    assert.equal(seen.size, 16);
    assert.equal(pages, 6);
    assert.equal(s.events({ mentions: true }).total, 16);
    // Aggregates.
    // Dedupe: undated reports of the same dyad and code on consecutive days merge into fewer events.
    const clusters = s.events({});
    assert.ok(clusters.total! < 16 && clusters.total! >= 4, String(clusters.total));
    assert.equal(clusters.rows.reduce((n, r) => n + r.mentions, 0), 16, 'every mention counted once');
    const one = clusters.rows.find((r) => r.mentions > 1)!;
    assert.equal(s.event(one.id)?.mentions.length, one.mentions);
    assert.equal(s.event(one.clusterKey!)?.event.id, one.id);
    assert.deepEqual(s.dedupe(), { mentions: 16, events: clusters.total });
    assert.equal(s.events({}).total, clusters.total, 'full recompute agrees with incremental');
    const tl = s.timeline({ bucket: 'month' });
    assert.deepEqual(tl.map((p) => p.period), ['2024-01', '2025-05']);
    assert.equal(tl.reduce((n, p) => n + p.count, 0), clusters.total);
    assert.equal(tl[0].count, 2);
    const net = s.network({});
    assert.ok(net.find((e) => e.source === 'RUS' && e.target === 'USA')!.count >= 1);
    // Actors, quotes, search.
    const actors = s.actors({ limit: 2 });
    assert.equal(actors.total, 4);
    assert.equal(actors.rows.length, 2);
    assert.ok(actors.next);
    assert.equal(actors.rows[0].articles, 7);
    assert.equal(actors.rows[0].events, 14);
    assert.equal(s.actors({ actor: 'FRA' }).rows[0].name, 'France');
    assert.equal(s.quotes({ speaker: 'United' }).total, 7);
    assert.equal(s.quotes({ speaker: 'FRA' }).total, 1);
    const hits = s.search('Paris');
    assert.equal(hits.rows[0].kind, 'article');
    assert.match(hits.rows[0].snippet, /\[Paris\]/);
    assert.equal(s.search('"day 3"').total, 1);
    assert.equal(s.search('  "" ').total, 0);
    assert.equal(s.articles({ outlet: 'odd' }).total, 3);
    assert.equal(s.articles({ since: '2025' }).total, 7);
    s.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('store: schema is versioned; missing store is a user error when it must exist', () => {
  const { dir, db } = tmp();
  try {
    openStore(db).close();
    const raw = new Database(db);
    assert.ok(Number(raw.pragma('user_version', { simple: true })) >= 1);
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    raw.close();
    const s = openStore(db, { mustExist: true });
    assert.equal(s.integrityCheck(), 'ok');
    s.close();
    assert.throws(() => openStore(join(dir, 'nope.db'), { mustExist: true }), /no such store/);
    // A store at schema version 1 is migrated on open and keeps working.
    const old = join(dir, 'v1.db');
    const v1 = new Database(old);
    v1.exec(MIGRATIONS[0]);
    v1.pragma('user_version = 1');
    v1.close();
    const up = openStore(old);
    const text = 'Russia met the United States in Istanbul.';
    up.putCoded({ text }, fakeDoc(text));
    assert.equal(up.counts().mentions, 2);
    up.close();
    const chk = new Database(old);
    assert.equal(Number(chk.pragma('user_version', { simple: true })), MIGRATIONS.length);
    chk.close();
    // A file that is not a store is a one-line user error.
    writeFileSync(join(dir, 'junk.db'), 'this is not sqlite at all, just some text that is long enough to look like a header.');
    assert.throws(() => openStore(join(dir, 'junk.db')), /not a dyad store|cannot open/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('store keys: URL key, text hash, day of a date value, FTS query escaping', () => {
  assert.equal(urlKey('https://WWW.Example.com/a/b/?utm_medium=x&b=2&a=1#frag'), 'example.com/a/b?a=1&b=2');
  assert.equal(urlKey('http://example.com:80/'), 'example.com');
  assert.equal(urlKey('ftp://x'), null);
  assert.equal(urlKey('not a url'), null);
  assert.equal(textHash('Hello,  World!'), textHash('hello world'));
  assert.notEqual(textHash('hello world'), textHash('hello word'));
  assert.equal(dayOf('2025-05-19T10:00:00Z'), '2025-05-19');
  assert.equal(dayOf('2025-W21'), '2025-05-19');
  assert.equal(dayOf('2025-05'), '2025-05-01');
  assert.equal(dayOf('2025-Q2'), '2025-04-01');
  assert.equal(dayOf('2025'), '2025-01-01');
  assert.equal(dayOf('PRESENT_REF'), null);
  assert.equal(ftsQuery('putin OR "peace talks" -x*'), '"putin" "OR" "peace talks" "x"');
  assert.equal(ftsQuery('*** ""'), null);
});

test('store: the incremental deduper keeps a bounded window in memory; nothing leaves the store', () => {
  const { dir, db } = tmp();
  try {
    const put = (s: ReturnType<typeof openStore>, i: number) => {
      const day = new Date(Date.UTC(2025, 0, 1) + 3 * i * 86_400_000).toISOString().slice(0, 10); // 3 days apart: never one event
      const text = `Russia met the United States in Istanbul, report number ${i}. More text follows here.`;
      s.putCoded({ text, url: `https://news.example/${i}`, outlet: 'Example', published: day }, fakeDoc(text, { published: day, date: day }));
    };
    const s = openStore(db, { dedupeWindowDays: 5 });
    for (let i = 0; i < 40; i++) put(s, i);
    // Each article reports two events on its own day: 80 clusters stored, the last few days' in memory.
    assert.equal(s.counts().events, 80);
    assert.ok(s.dedupeMemory() <= 2 * 3, `in memory: ${s.dedupeMemory()}`);
    s.close();
    // Reopened, the deduper loads the window only.
    const r = openStore(db, { dedupeWindowDays: 5 });
    put(r, 40);
    assert.ok(r.dedupeMemory() <= 2 * 3, `after reopening: ${r.dedupeMemory()}`);
    assert.equal(r.counts().events, 82);
    r.close();
    // Without a window every cluster stays in memory.
    const all = openStore(db, { dedupeWindowDays: 0 });
    put(all, 41);
    assert.equal(all.dedupeMemory(), 84);
    all.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
