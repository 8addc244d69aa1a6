import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.js';
import { run } from '../src/cli/commands/export.js';
import { mentionRecordsFromStore } from '../src/dedupe/from-store.js';
import { clusterMentions } from '../src/dedupe/index.js';
import { parseCsv } from '../src/export/index.js';
import { allFixtures } from './server-fixtures.js';

function withStore(fn: (db: string, dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-export-'));
    const db = join(dir, 't.db');
    const s = openStore(db);
    for (const f of allFixtures()) s.putCoded(f.article, f.doc);
    s.close();
    try {
      await fn(db, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

function counts(db: string) {
  const s = openStore(db, { mustExist: true });
  try {
    return s.counts();
  } finally {
    s.close();
  }
}

test('dyad export: every format from a store, with filters and -o', withStore(async (db, dir) => {
  const c = counts(db);
  assert.ok(c.events > 0);
  const out = (f: string) => join(dir, `out.${f}`);
  const err = process.stderr.write;
  process.stderr.write = (() => true) as typeof process.stderr.write; // keep the summary line out of the test log
  try {
    for (const f of ['gdelt', 'gdelt-mentions', 'acled', 'plover', 'geojson', 'csv', 'jsonl']) {
      assert.equal(await run(['--format', f, '--db', db, '-o', out(f), '--all']), 0, f);
    }
    assert.equal(await run(['--format', 'gdelt', '--db', db, '-o', out('gdelt-rus'), '--actor', 'RUS', '--header']), 0);
  } finally {
    process.stderr.write = err;
  }
  const lines = (f: string) => readFileSync(out(f), 'utf8').split('\n').filter((l) => l.length);
  const gdelt = lines('gdelt');
  assert.equal(gdelt.length, c.events, 'one line per event');
  for (const l of gdelt) assert.equal(l.split('\t').length, 61);
  const mentions = lines('gdelt-mentions');
  assert.equal(mentions.length, c.mentions, 'one line per mention');
  for (const l of mentions) assert.equal(l.split('\t').length, 16);
  // Mention rows point at event rows.
  const eventIds = new Set(gdelt.map((l) => l.split('\t')[0]));
  for (const l of mentions) assert.ok(eventIds.has(l.split('\t')[0]));
  // IsRootEvent is decided for every stored event, and headline/lead events exist in the fixtures.
  const roots = gdelt.map((l) => l.split('\t')[25]);
  assert.ok(roots.every((v) => v === '0' || v === '1'), `IsRootEvent values: ${[...new Set(roots)]}`);
  assert.ok(roots.includes('1'));
  // Actor char offsets point at a mention of an actor in the fixtures' documents.
  const starts = new Set<number>();
  for (const f of allFixtures()) for (const a of f.doc.actors) for (const m of a.mentions) starts.add(m.start);
  const a1 = mentions.map((l) => l.split('\t')[7]).filter((v) => v !== '');
  assert.ok(a1.length > 0, 'Actor1CharOffset filled where the source is named in the sentence');
  for (const v of [...a1, ...mentions.map((l) => l.split('\t')[8]).filter((x) => x !== '')]) assert.ok(starts.has(Number(v)), `offset ${v}`);
  const csv = parseCsv(readFileSync(out('csv'), 'utf8'));
  assert.equal(csv.length, c.events + 1);
  const jsonl = readFileSync(out('jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string });
  assert.equal(jsonl.length, c.events);
  const fc = JSON.parse(readFileSync(out('geojson'), 'utf8')) as { features: unknown[] };
  assert.ok(Array.isArray(fc.features));
  const rus = lines('gdelt-rus');
  assert.equal(rus[0].split('\t')[0], 'GlobalEventID');
  assert.ok(rus.length - 1 < gdelt.length && rus.length > 1, 'the actor filter applies');
  for (const l of rus.slice(1)) assert.match(l, /RUS/);
}));

test('dyad export: user mistakes are one-line errors', withStore(async (db) => {
  await assert.rejects(run(['--db', db]), /--format is required/);
  await assert.rejects(run(['--format', 'xml', '--db', db]), /--format must be one of/);
  await assert.rejects(run(['--format', 'csv', '--db', db, '--code', 'abc']), /--code/);
  await assert.rejects(run(['--format', 'csv', '--db', db, '--since', 'yesterday']), /--since/);
}));

test('dedupe from a store: every mention becomes a record and is assigned', withStore(async (db) => {
  const s = openStore(db, { mustExist: true });
  try {
    const recs = mentionRecordsFromStore(s);
    assert.equal(recs.length, s.counts().mentions);
    assert.ok(recs.every((r) => r.published && r.storyHash), 'article date and text hash are joined in');
    const r = clusterMentions(recs);
    assert.equal(r.assignment.size, recs.length);
    assert.ok(r.clusters.length <= recs.length);
  } finally {
    s.close();
  }
}));
