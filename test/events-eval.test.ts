/** `dyad eval events`: scoring levels, null vs [], reciprocal gold, groups collapsed, conventions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conventionCode, pentaOf, predictedEvents, readGold, scoreEvents, type GoldRecord } from '../src/eval/events.js';
import { composeCode } from '../src/dictionaries/cameo.js';
import type { CodedDocument, CodedEvent } from '../src/document.js';

const ref = (actor: string, code: string) => ({ actor, code, country: code.slice(0, 3) });

function ev(id: string, code: string, src: string | null, tgt: string | null, group: string | null = null, modality: CodedEvent['modality'] = 'asserted'): CodedEvent {
  return {
    id, code, root: code.slice(0, 2), name: '', goldstein: 0, quad: 1, plover: null,
    source: src ? ref(src, src) : null, target: tgt ? ref(tgt, tgt) : null, group, modality, date: null, place: null,
    evidence: { sentence: 0, start: 0, end: 0, text: '', rule: 'test', confidence: 1 },
  };
}

function docOf(events: CodedEvent[]): CodedDocument {
  const ids = new Set(events.flatMap((e) => [e.source?.actor, e.target?.actor]).filter(Boolean) as string[]);
  return {
    dyad: 'test', article: { id: null, title: null, published: null, url: null, outlet: null, wire: [] },
    actors: [...ids].map((id) => ({ id, name: id, code: id, country: id.slice(0, 3), type: null, kind: 'country', evidence: { stage: 'actors', rule: 't', anchor: 'stated', confidence: 1 }, mentions: [{ start: 0, end: 1, text: id, how: 'country' }] })),
    events, quotes: [], times: [], places: [],
  };
}

test('groups collapse into one event with several actors; negated acts are rejections', () => {
  const p = predictedEvents(docOf([ev('e1', '0353', 'RUS', 'UKR', 'g1'), ev('e2', '0353', 'UKR', 'RUS', 'g1'), ev('e3', '190', 'RUS', 'UKR', null, 'negated')]));
  assert.equal(p.length, 1, 'negated material conflict is not an event');
  assert.equal(p[0].reciprocal, true);
  assert.deepEqual(p[0].sources.map((s) => s.country).sort(), ['RUS', 'UKR']);
  const n = predictedEvents(docOf([ev('e1', '036', 'SYR', 'ISR', null, 'negated')]));
  assert.equal(n[0].code, '125', '"will not meet" is a rejection of a meeting');
});

test('CAMEO conventions: promised acts are intents, conditional force is a threat', () => {
  assert.equal(conventionCode('0874', 'future'), '0356');
  assert.equal(conventionCode('041', 'future'), '036');
  assert.equal(conventionCode('163', 'hypothetical'), '1312');
  assert.equal(conventionCode('190', 'future'), '1384');
  assert.equal(conventionCode('190', 'asserted'), '190');
  assert.equal(composeCode('appeal', '0841'), '0253');
  assert.equal(composeCode('demand', '0841'), '1053');
  assert.equal(composeCode('reject', '0841'), '1243');
  assert.equal(composeCode('reject', '040'), '125');
  assert.equal(pentaOf('01'), 0);
  assert.equal(pentaOf('05'), 1);
  assert.equal(pentaOf('08'), 2);
  assert.equal(pentaOf('13'), 3);
  assert.equal(pentaOf('20'), 4);
});

test('scoring: root + dyad, exact code, type; null is not annotated, [] is no actor', () => {
  const gold: GoldRecord[] = [
    { id: 'a', date: '2025-05-18', text: 'Germany and France condemned Russia on Monday.', events: [{ source: ['DEU', 'FRA'], target: ['RUS'], cameo: '111', plover: null, penta: null }] },
    { id: 'b', date: null, text: 'Russia and Ukraine agreed to exchange prisoners.', events: [{ source: ['RUS', 'UKR'], target: [], cameo: null, plover: 'AGREE', penta: null, reciprocal: true }] },
    { id: 'c', date: null, text: 'The weather was fine on Tuesday.', no_event: true, events: [] },
  ];
  const s = scoreEvents(gold);
  assert.equal(s.records, 3);
  assert.ok(s.level1.gold === 2 && s.level1.tp >= 1, JSON.stringify(s.level1));
  assert.ok(s.level1.p > 0 && s.level1.p <= 1);
  assert.equal(s.level2.gold, 1);
  assert.ok(s.confusion['root 11'], 'confusion has the gold root');
});

test('readGold: clear errors for bad files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-eval-'));
  const bad = join(dir, 'bad.jsonl');
  writeFileSync(bad, '{"text": "x", "events": []}\nnot json\n');
  assert.throws(() => readGold(bad), /bad\.jsonl:2: not valid JSON/);
  assert.throws(() => readGold(join(dir, 'missing.jsonl')), /cannot read/);
  const good = join(dir, 'good.jsonl');
  writeFileSync(good, '{"id":"1","date":null,"text":"a","events":[]}\n{"id":"2","date":null,"text":"b","events":[]}\n');
  assert.equal(readGold(good, 1).length, 1);
});

test('scoring: a text-span gold event with no source and no target span compares the class only; one-sided [] stays strict', () => {
  const text = 'Germany condemned Russia on Monday.';
  const classOnly: GoldRecord[] = [{ id: 'd', date: null, text, events: [{ source: null, target: null, cameo: null, plover: null, penta: 3, source_text: [], target_text: [] }] }];
  const s1 = scoreEvents(classOnly);
  assert.equal(s1.level1.tp, 1, JSON.stringify(s1.level1));
  const wrongClass: GoldRecord[] = [{ id: 'e', date: null, text, events: [{ source: null, target: null, cameo: null, plover: null, penta: 4, source_text: [], target_text: [] }] }];
  assert.equal(scoreEvents(wrongClass).level1.tp, 0);
  const noTarget: GoldRecord[] = [{ id: 'f', date: null, text, events: [{ source: null, target: null, cameo: null, plover: null, penta: 3, source_text: ['Germany'], target_text: [] }] }];
  assert.equal(scoreEvents(noTarget).level1.tp, 0, 'a predicted target against [] is not a match');
});
