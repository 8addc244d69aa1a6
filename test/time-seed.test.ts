/** Golden test: the time stage on the seed article (skips without ../shared). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, NO_SHARED, sharedFile } from './helpers.js';
import { segment } from '../src/stages/segment/index.js';
import { runTime } from '../src/stages/time/index.js';
import { newDoc } from '../src/doc.js';

interface Golden {
  published: string;
  times: { start: number; end: number; type: string; value: string; precision: string }[];
}


const SEED = 'seed/000_e19648e1a2f5d8e8.txt';

test('seed article: time expressions match the golden file', { skip: NO_SHARED || (sharedFile(SEED) ? false : 'skipped: seed article missing') }, () => {
  const text = readFileSync(sharedFile(SEED)!, 'utf8');
  const goldenPath = join(ROOT, 'test', 'fixtures', 'time', 'seed.json');
  const golden = JSON.parse(readFileSync(goldenPath, 'utf8')) as Golden;
  const doc = newDoc({ text }, text, golden.published);
  segment(doc);
  runTime(doc);
  const got = doc.times.map((t) => ({ start: t.start, end: t.end, type: t.type, value: t.value, precision: t.precision }));
  for (const t of doc.times) assert.equal(text.slice(t.start, t.end), t.text);
  const at = (word: string, nth = 0) => {
    let i = -1;
    for (let k = 0; k <= nth; k++) i = text.indexOf(word, i + 1);
    return doc.times.find((t) => t.start === i && t.end === i + word.length);
  };
  // The checks, by meaning: Monday → the call (future), Sunday → the publication day,
  // last week → the ISO week before, tomorrow in the Sunday quote → Monday, durations, the year.
  assert.equal(at('Monday')?.value, '2025-05-19');
  assert.equal(at('Sunday')?.value, '2025-05-18');
  assert.equal(at('last week')?.value, '2025-W19');
  assert.equal(at('nearly three years')?.value, 'P3Y');
  assert.equal(at('nearly three years')?.type, 'DURATION');
  assert.equal(at('2022')?.value, '2022');
  assert.equal(at('months')?.value, 'PXM');
  assert.equal(at('tomorrow')?.value, '2025-05-19');
  try {
    assert.deepEqual(got, golden.times);
  } catch (e) {
    writeFileSync(goldenPath.replace(/\.json$/, '-changed.json'), JSON.stringify({ ...golden, times: got }, null, 1) + '\n');
    throw e;
  }
});
