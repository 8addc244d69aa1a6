/**
 * Golden test on the seed article (../shared/seed): the eight direct quotes with their speakers'
 * codes and media, the partial quotes, the wire credit and the outlet. The golden file holds offsets
 * and codes only — no article text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { code } from '../src/index.js';
import { NO_SHARED, ROOT, sharedFile, offsetErrors, schemaErrors } from './helpers.js';

interface Golden {
  published: string;
  direct: { start: number; end: number; code: string; medium: string | null }[];
  partial: { start: number; end: number }[];
  wire: string[];
  outlet: string;
}

test('seed article: eight direct quotes with speakers and media, scare quotes partial, wire AFP, outlet', { skip: NO_SHARED }, () => {
  const file = sharedFile('seed/000_e19648e1a2f5d8e8.txt');
  if (!file) return;
  const text = readFileSync(file, 'utf8');
  const golden = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'quotes', 'seed.json'), 'utf8')) as Golden;
  const d = code({ text, published: golden.published });
  assert.equal(schemaErrors(d), null);
  assert.deepEqual(offsetErrors(text, d), []);
  const direct = d.quotes.filter((q) => q.kind === 'direct');
  assert.equal(direct.length, golden.direct.length, `direct quotes: ${direct.map((q) => `[${q.start},${q.end})`).join(' ')}`);
  for (const g of golden.direct) {
    const q = direct.find((x) => x.start < g.end && x.end > g.start);
    assert.ok(q, `direct quote at [${g.start},${g.end}) found`);
    assert.equal(q.speaker?.code, g.code, `speaker code of the quote at ${g.start}`);
    assert.equal(q.medium, g.medium, `medium of the quote at ${g.start}`);
    assert.ok(q.cue, `cue of the quote at ${g.start}`);
  }
  const partial = d.quotes.filter((q) => q.kind === 'partial');
  for (const g of golden.partial) assert.ok(partial.some((q) => q.start < g.end && q.end > g.start), `partial quote at [${g.start},${g.end})`);
  assert.deepEqual([...new Set(d.article.wire.map((w) => w.name))], golden.wire);
  assert.equal(d.article.outlet, golden.outlet);
  // the speaker of every quote is resolved to an actor
  for (const q of direct) assert.ok(q.speaker?.actor, `actor for the quote at ${q.start}`);
});
