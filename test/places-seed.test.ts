/** Golden test: the places stage on the seed article (skips without ../shared). Codes, coordinates and offsets only. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, NO_SHARED, sharedFile } from './helpers.js';
import { newDoc } from '../src/doc.js';
import { createPipeline } from '../src/pipeline.js';
import { eventPlace } from '../src/stages/places/attach.js';

interface Golden {
  published: string;
  places: { start: number; end: number; country: string; lat: number; lon: number }[];
  notPlaces: { start: number; end: number }[];
  events: { trigger: [number, number]; place: { start: number; end: number; country: string } }[];
}

const SEED = 'seed/000_e19648e1a2f5d8e8.txt';

test('seed article: places and event places match the golden file', { skip: NO_SHARED || (sharedFile(SEED) ? false : 'skipped: seed article missing') }, () => {
  const text = readFileSync(sharedFile(SEED)!, 'utf8');
  const golden = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'places', 'seed.json'), 'utf8')) as Golden;
  const doc = newDoc({ text }, text, golden.published);
  for (const s of createPipeline().stages) {
    s.run(doc);
    if (s.name === 'places') break;
  }
  for (const p of doc.places) assert.equal(text.slice(p.start, p.end), p.text);
  for (const want of golden.places) {
    const got = doc.places.find((p) => p.start === want.start && p.end === want.end);
    assert.ok(got, `place at ${want.start}-${want.end} missing`);
    assert.equal(got.country, want.country);
    assert.ok(Math.abs(got.lat! - want.lat) < 0.01 && Math.abs(got.lon! - want.lon) < 0.01, `${got.lat}, ${got.lon} vs ${want.lat}, ${want.lon}`);
  }
  for (const no of golden.notPlaces) {
    assert.equal(doc.places.find((p) => p.start < no.end && no.start < p.end), undefined, `span ${no.start}-${no.end} must not be a place`);
  }
  for (const ev of golden.events) {
    const [start, end] = ev.trigger;
    const s = doc.sentences.find((x) => x.start <= start && start < x.end)!;
    const got = eventPlace(doc, { sentence: s.i, trigger: { start, end }, clause: { start: s.start, end: s.end } });
    assert.ok(got, `no event place for trigger ${start}-${end}`);
    assert.equal(got.country, ev.place.country);
    assert.equal(got.start, ev.place.start);
    assert.equal(got.end, ev.place.end);
  }
});
