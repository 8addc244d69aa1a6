/**
 * Seed golden test: the canonical demo article (../shared/seed, published 2025-05-18) must yield its
 * main events with the right dyads and modality. test/fixtures/seed/events.json holds the expected
 * projection (codes and ids only, no article text). On a mismatch the new projection is written to
 * test-output/seed-events-changed.json for review; the golden file is never regenerated here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { code } from '../src/code.js';
import type { CodedDocument, CodedEvent } from '../src/document.js';
import { NO_SHARED, ROOT, SHARED, offsetErrors, schemaErrors } from './helpers.js';

interface Row {
  source: string | null;
  code: string;
  root: string;
  target: string | null;
  modality: string;
  grouped: boolean;
}

function seed(): { text: string; out: CodedDocument } {
  const dir = join(SHARED!, 'seed');
  const file = readdirSync(dir).find((f) => f.endsWith('.txt'))!;
  const text = readFileSync(join(dir, file), 'utf8');
  return { text, out: code({ text, published: '2025-05-18' }) };
}

const project = (e: CodedEvent): Row => ({
  source: e.source?.code ?? null,
  code: e.code,
  root: e.root,
  target: e.target?.code ?? null,
  modality: e.modality,
  grouped: e.group !== null,
});

const has = (rows: Row[], want: Partial<Row> & { roots?: string[] }) =>
  rows.some((r) => (!want.source || r.source === want.source) && (!want.target || r.target === want.target) && (!want.modality || r.modality === want.modality) && (!want.roots || want.roots.includes(r.root)) && (!want.code || r.code === want.code) && (want.grouped === undefined || r.grouped === want.grouped));

test('seed: the main events, dyads and modality', { skip: NO_SHARED }, (t) => {
  const { text, out } = seed();
  if (!out.actors.length) {
    t.skip('the actors stage produced no actors; events need them');
    return;
  }
  assert.equal(schemaErrors(out), null);
  assert.deepEqual(offsetErrors(text, out), []);
  const rows = out.events.map(project);
  const need: [string, Partial<Row> & { roots?: string[] }][] = [
    ['planned Trump–Putin call', { source: 'USAGOV', target: 'RUSGOV', roots: ['04'], modality: 'future' }],
    ['Istanbul talks, Ukrainian → Russian delegation', { source: 'UKRGOV', target: 'RUSGOV', roots: ['04'], grouped: true }],
    ['Istanbul talks, Russian → Ukrainian delegation', { source: 'RUSGOV', target: 'UKRGOV', roots: ['04'], grouped: true }],
    ["Ukraine's accusation of Moscow", { source: 'UKR', target: 'RUSGOV', code: '112', modality: 'asserted' }],
    ['prisoner exchange agreed, RUS → UKR', { source: 'RUS', target: 'UKR', roots: ['03', '05', '08'], modality: 'asserted', grouped: true }],
    ['prisoner exchange agreed, UKR → RUS', { source: 'UKR', target: 'RUS', roots: ['03', '05', '08'], modality: 'asserted', grouped: true }],
    ['Western criticism of Russia', { source: 'WSTGOV', target: 'RUS', roots: ['11', '12'], modality: 'asserted' }],
    ['threatened sanctions', { source: 'WSTGOV', target: 'RUS', roots: ['13'], modality: 'hypothetical' }],
    ['European leaders’ call with Trump (GBR)', { source: 'GBRGOV', target: 'USAGOV', code: '041', grouped: true }],
    ['European leaders’ call with Trump (FRA)', { source: 'FRAGOV', target: 'USAGOV', code: '041', grouped: true }],
    ['European leaders’ call with Trump (DEU)', { source: 'DEUGOV', target: 'USAGOV', code: '041', grouped: true }],
    ['European leaders’ call with Trump (ITA)', { source: 'ITAGOV', target: 'USAGOV', code: '041', grouped: true }],
    ['Zelensky meets Vance', { source: 'UKRGOV', target: 'USAGOV', roots: ['04'] }],
  ];
  const missing = need.filter(([, w]) => !has(rows, w)).map(([n]) => n);
  assert.deepEqual(missing, [], `missing: ${missing.join('; ')}\n${rows.map((r) => JSON.stringify(r)).join('\n')}`);
  // No sanction is coded as imposed: the article only threatens and discusses them.
  assert.ok(!rows.some((r) => r.code === '163' && r.modality === 'asserted'), 'a discussed sanction is not an imposed one');
});

test('seed: golden projection of all events', { skip: NO_SHARED }, (t) => {
  const { out } = seed();
  if (!out.actors.length) {
    t.skip('the actors stage produced no actors; events need them');
    return;
  }
  const rows = out.events.map(project);
  const gfile = join(ROOT, 'test', 'fixtures', 'seed', 'events.json');
  const golden = (existsSync(gfile) ? JSON.parse(readFileSync(gfile, 'utf8')) : { events: [] }) as { events: Row[] };
  const key = (r: Row) => JSON.stringify(r);
  const got = rows.map(key).sort();
  const want = golden.events.map(key).sort();
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    const dir = join(ROOT, 'test-output');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'seed-events-changed.json'), JSON.stringify({ note: 'events projection of the seed article; review and copy to test/fixtures/seed/events.json if intended', events: rows }, null, 1) + '\n');
    const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
    const cg = count(got);
    const cw = count(want);
    const extra = [...cg].filter(([k, n]) => n > (cw.get(k) ?? 0)).map(([k, n]) => `${k} ×${n - (cw.get(k) ?? 0)}`);
    const lost = [...cw].filter(([k, n]) => n > (cg.get(k) ?? 0)).map(([k, n]) => `${k} ×${n - (cg.get(k) ?? 0)}`);
    assert.fail(`seed events changed (see test-output/seed-events-changed.json)\n+ ${extra.join('\n+ ')}\n- ${lost.join('\n- ')}`);
  }
});
