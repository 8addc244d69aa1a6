import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.js';
import { clusterMentions, Clusterer, storySignature, dateInterval, mentionOrder, type MentionRecord, type DedupeResult } from '../src/dedupe/index.js';

interface FxArticle { id: string; outlet: string | null; url?: string; published: string; story: string }
interface FxMention {
  article: string;
  code: string;
  modality?: string;
  src: [string, string] | null;
  tgt: [string, string] | null;
  date: string | null;
  precision?: string;
  place?: [string, string, number?, number?, string?];
  sentence: string;
}
const FX = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'dedupe', 'multi-outlet.json'), 'utf8')) as {
  scenarios: Record<string, { articles: FxArticle[]; mentions: FxMention[] }>;
};

function records(name: string): MentionRecord[] {
  const sc = FX.scenarios[name];
  assert.ok(sc, `scenario ${name}`);
  const arts = new Map(sc.articles.map((a) => [a.id, a]));
  return sc.mentions.map((m, i) => {
    const a = arts.get(m.article)!;
    return {
      key: `${m.article}:e${i}`,
      articleId: a.id,
      outlet: a.outlet,
      url: a.url ?? null,
      published: a.published,
      storyHash: a.story,
      date: m.date,
      datePrecision: m.precision ?? (m.date ? 'day' : null),
      code: m.code,
      root: m.code.slice(0, 2),
      sourceCode: m.src?.[0] ?? null,
      sourceCountry: m.src?.[1] ?? null,
      targetCode: m.tgt?.[0] ?? null,
      targetCountry: m.tgt?.[1] ?? null,
      placeName: m.place?.[0] ?? null,
      placeCountry: m.place?.[1] ?? null,
      lat: m.place?.[2] ?? null,
      lon: m.place?.[3] ?? null,
      placeFeature: m.place?.[4] ?? null,
      modality: m.modality ?? 'asserted',
      sentence: m.sentence,
    };
  });
}

function run(name: string): DedupeResult {
  return clusterMentions(records(name));
}

test('dedupe: one wire story reprinted by 3 outlets is 1 event, 1 story, 3 sources', () => {
  const r = run('wire-reprint');
  assert.equal(r.clusters.length, 1, 'clusters');
  const c = r.clusters[0];
  assert.equal(c.mentionKeys.length, 3);
  assert.equal(c.articles.length, 3);
  assert.deepEqual([...c.sources].sort(), ['Coastal Post', 'Daily Harbour', 'Valley Times']);
  assert.equal(c.stories, 1);
  assert.equal(c.firstSeen, '2025-03-04T07:00:00Z');
  assert.equal(c.lastSeen, '2025-03-05T01:00:00Z');
  // The third reprint resolved "Monday" differently; the reprint rule still keeps it in.
  assert.equal(c.date, '2025-03-03');
  assert.equal(r.stats.stories, 1);
});

test('dedupe: near-identical reprints (MinHash) are one story even without a shared hash', () => {
  const base =
    'The French foreign minister travelled to Berlin on Monday for talks with German officials about energy, ' +
    'defence spending and the budget. Both sides said the meeting was constructive and agreed to meet again in the autumn. ' +
    'Officials in Paris said further visits were planned before the end of the year, and a joint statement would follow.';
  const edited = base.replace('in the autumn', 'in the fall') + ' (Reporting by a wire agency.)';
  const recs = records('wire-reprint').map((m, i) => ({
    ...m,
    storyHash: null,
    storySig: storySignature(i === 1 ? edited : base).minhash,
    date: i === 2 ? '2025-02-20' : m.date, // far off: only the story rule can keep it
  }));
  const r = clusterMentions(recs);
  assert.equal(r.clusters.length, 1);
  assert.equal(r.clusters[0].stories, 1);
  // A different text is a different story.
  const other = storySignature('Completely unrelated text about a football match in Madrid and the weather on Sunday afternoon.');
  const r2 = clusterMentions(recs.map((m, i) => (i === 2 ? { ...m, storySig: other.minhash } : m)));
  assert.equal(r2.clusters.length, 2, 'the far-dated mention of another story is its own event');
});

test('dedupe: same dyad and code on different days → 2 events', () => {
  const r = run('two-days');
  assert.equal(r.clusters.length, 2);
  assert.notEqual(r.assignment.get('d1:e0'), r.assignment.get('d2:e1'));
});

test('dedupe: a planned event links to the later report that it happened', () => {
  const r = run('plan-fulfilled');
  assert.equal(r.clusters.length, 1);
  const c = r.clusters[0];
  assert.equal(c.status, 'fulfilled');
  assert.deepEqual(c.planned, ['p1:e0']);
  assert.equal(c.fulfilledBy, 'p2:e1');
  assert.deepEqual(c.links, [{ planned: 'p1:e0', fulfilledBy: 'p2:e1' }]);
  assert.equal(c.representative, 'p2:e1', 'the fact report represents the event');
  assert.equal(c.code, '041');
  // Alone, the plan is a planned event.
  const alone = clusterMentions(records('plan-fulfilled').slice(0, 1));
  assert.equal(alone.clusters[0].status, 'planned');
  assert.equal(alone.clusters[0].fulfilledBy, null);
  // A report from another week does not fulfil it.
  const late = records('plan-fulfilled').map((m, i) => (i === 1 ? { ...m, date: '2025-05-27', published: '2025-05-28' } : m));
  assert.equal(clusterMentions(late).clusters.length, 2);
});

test('dedupe: same attack type in two different cities → 2 events', () => {
  const r = run('different-places');
  assert.equal(r.clusters.length, 2);
  // Without places, the two would be one event.
  const noPlace = records('different-places').map((m) => ({ ...m, placeName: null, placeCountry: null, lat: null, lon: null }));
  assert.equal(clusterMentions(noPlace).clusters.length, 1);
});

test('dedupe: independent reports of a reciprocal event with the dyad reversed → 1 event, 2 stories', () => {
  const r = run('independent-reports');
  assert.equal(r.clusters.length, 1);
  assert.equal(r.clusters[0].stories, 2);
  assert.equal(r.clusters[0].reciprocal, true);
  // Direction matters for a directed code.
  const directed = records('independent-reports').map((m) => ({ ...m, code: '112', root: '11' }));
  assert.equal(clusterMentions(directed).clusters.length, 2);
});

test('dedupe: "visit" A→B and "host" B→A are one event', () => {
  assert.equal(run('visit-host').clusters.length, 1);
  const wrong = records('visit-host').map((m, i) => (i === 1 ? { ...m, sourceCode: 'IND', sourceCountry: 'IND', targetCode: 'JPN', targetCountry: 'JPN' } : m));
  assert.equal(clusterMentions(wrong).clusters.length, 2, 'India hosting Japan is another event');
});

test('dedupe: negated mention never merges with the asserted one', () => {
  const r = run('negated-apart');
  assert.equal(r.clusters.length, 2);
  assert.deepEqual(r.clusters.map((c) => c.status).sort(), ['negated', 'occurred']);
});

test('dedupe: a week-precision date matches a day inside that week', () => {
  const r = run('week-precision');
  assert.equal(r.clusters.length, 1);
  assert.equal(r.clusters[0].date, '2025-09-10');
  assert.equal(r.clusters[0].datePrecision, 'day');
  const outside = records('week-precision').map((m, i) => (i === 1 ? { ...m, date: '2025-W39' } : m));
  assert.equal(clusterMentions(outside).clusters.length, 2);
});

test('dedupe: date intervals', () => {
  const w = dateInterval('2025-W01')!;
  assert.equal(new Date(w.start * 86400000).toISOString().slice(0, 10), '2024-12-30');
  assert.equal(w.end - w.start, 6);
  const m = dateInterval('2024-02')!;
  assert.equal(m.end - m.start, 28);
  assert.equal(dateInterval('garbage'), null);
});

test('dedupe: deterministic regardless of input order; incremental equals batch; seed restores', () => {
  const all = Object.keys(FX.scenarios).flatMap((n) => records(n));
  const a = clusterMentions(all);
  const shuffled = [...all].reverse();
  const b = clusterMentions(shuffled);
  assert.deepEqual([...a.assignment].sort(), [...b.assignment].sort());
  // Incremental: half now, half later.
  const sorted = [...all].sort(mentionOrder);
  const cl = new Clusterer();
  for (const m of sorted.slice(0, 7)) cl.add(m);
  for (const m of sorted.slice(7)) cl.add(m);
  assert.deepEqual([...cl.result().assignment].sort(), [...a.assignment].sort());
  // Rebuild from a stored assignment, then add the rest.
  const re = new Clusterer();
  for (const m of sorted.slice(0, 7)) re.seed(m, a.assignment.get(m.key)!);
  for (const m of sorted.slice(7)) re.add(m);
  assert.deepEqual([...re.result().assignment].sort(), [...a.assignment].sort());
  assert.equal(a.stats.mentions, all.length);
});

test('dedupe: bad input does not crash', () => {
  const r = clusterMentions([
    { key: 'x', articleId: 'a', outlet: null, url: null, published: null, storyHash: null, date: 'nonsense', datePrecision: null, code: '', root: '', sourceCode: null, sourceCountry: null, targetCode: null, targetCountry: null, placeName: null, placeCountry: null, modality: '', sentence: '' },
    { key: 'y', articleId: 'b', outlet: null, url: 'not a url', published: '??', storyHash: null, date: null, datePrecision: null, code: '190', root: '19', sourceCode: null, sourceCountry: null, targetCode: null, targetCountry: null, placeName: null, placeCountry: null, modality: 'asserted', sentence: '\u0000\uFFFF' },
  ]);
  assert.equal(r.stats.mentions, 2);
});

test('dedupe: scales (blocking): 20k synthetic mentions in well under the time of O(n²)', () => {
  const countries = ['USA', 'RUS', 'CHN', 'UKR', 'FRA', 'DEU', 'GBR', 'IND', 'JPN', 'TUR', 'IRN', 'ISR'];
  const codes = ['040', '042', '046', '057', '112', '173', '190', '195', '071', '036'];
  const recs: MentionRecord[] = [];
  let seed = 7;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < 20000; i++) {
    const s = countries[Math.floor(rnd() * countries.length)];
    const t = countries[Math.floor(rnd() * countries.length)];
    const code = codes[Math.floor(rnd() * codes.length)];
    const day = 1 + Math.floor(rnd() * 28);
    const d = `2025-02-${String(day).padStart(2, '0')}`;
    recs.push({
      key: 'm' + i, articleId: 'a' + Math.floor(i / 5), outlet: 'o' + (i % 40), url: null, published: d, storyHash: 'h' + Math.floor(i / 5),
      date: d, datePrecision: 'day', code, root: code.slice(0, 2), sourceCode: s, sourceCountry: s, targetCode: t, targetCountry: t,
      placeName: null, placeCountry: null, modality: 'asserted', sentence: `${s} and ${t} event number ${i % 97} on day ${day}`,
    });
  }
  const t0 = performance.now();
  const r = clusterMentions(recs);
  const ms = performance.now() - t0;
  assert.equal(r.stats.mentions, 20000);
  assert.ok(r.clusters.length < 20000 && r.clusters.length > 1000, `clusters ${r.clusters.length}`);
  // Work, not wall time (the test machine may be busy): compared clusters per mention stay small.
  assert.ok(r.stats.comparisons / r.stats.mentions < 40, `comparisons per mention ${(r.stats.comparisons / r.stats.mentions).toFixed(1)}`);
  assert.ok(ms < 30000, `took ${ms.toFixed(0)} ms`);
});

test('dedupe: statements with no known actor on either side are not merged on the date alone', () => {
  assert.equal(run('unknown-actors').clusters.length, 2);
  // Identical wording (a reprinted sentence in another story) still merges.
  const same = records('unknown-actors').map((m) => ({ ...m, sentence: 'A spokesperson said the harbour would reopen next month.' }));
  assert.equal(clusterMentions(same).clusters.length, 1);
});

test('dedupe: verbal codes need the same code or similar wording', () => {
  const r = run('verbal-codes');
  assert.equal(r.clusters.length, 2, 'two reports of one accusation (112) + a different criticism (111)');
  assert.equal(r.assignment.get('c1:e0'), r.assignment.get('c3:e2'));
  assert.notEqual(r.assignment.get('c1:e0'), r.assignment.get('c2:e1'));
});

test('dedupe: a plan and a fact in the same article are different events', () => {
  const r = run('same-article-plan');
  assert.equal(r.clusters.length, 2);
  assert.deepEqual(r.clusters.map((c) => c.status).sort(), ['occurred', 'planned']);
});

test('dedupe: two dates stated outright that differ by a day are two events; implied dates get the slack', () => {
  const base = records('two-days').map((m) => ({ ...m, sentence: 'Trade officials of both countries met for consultations.' }));
  const adjacent = [base[0], { ...base[1], date: '2025-03-04', published: '2025-03-04' }];
  assert.equal(clusterMentions(adjacent).clusters.length, 1, 'implied (or unknown) anchors: ±1 day');
  const stated = adjacent.map((m) => ({ ...m, dateAnchor: 'stated' }));
  assert.equal(clusterMentions(stated).clusters.length, 2, 'both stated: exact day');
});

test('dedupe: prune retires old clusters from the index, forget drops them from memory', () => {
  const [a, b] = records('two-days');
  const old = { ...a, key: 'old', date: '2025-01-05', published: '2025-01-05' };
  const recent = { ...b, key: 'recent', date: '2025-03-05', published: '2025-03-05' };
  const cl = new Clusterer();
  cl.add(old);
  cl.add(recent);
  assert.equal(cl.prune('2025-02-01'), 1);
  assert.equal(cl.result().clusters.length, 2, 'retired clusters stay in the result without forget');
  const again = { ...old, key: 'late-report', articleId: 'late', storyHash: 'late', published: '2025-01-06' };
  assert.notEqual(cl.add(again), cl.result().assignment.get('old'), 'a retired cluster takes no new mentions');
  const cl2 = new Clusterer();
  cl2.add(old);
  cl2.add(recent);
  cl2.prune('2025-02-01', { forget: true });
  const r = cl2.result();
  assert.deepEqual(r.clusters.map((c) => c.mentionKeys), [['recent']]);
  assert.equal(r.assignment.has('old'), false);
});
