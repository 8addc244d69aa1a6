/** Sourcing stage: wire credits and the article's outlet from the text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { code } from '../src/index.js';
import { offsetErrors } from './helpers.js';

function wire(text: string, outlet?: string) {
  const d = code({ text, outlet });
  assert.deepEqual(offsetErrors(text, d), []);
  return d.article;
}

test('agency credits: as per, dateline, reported, according to, trailer', () => {
  assert.deepEqual(wire('As per AFP, the talks ended without agreement.').wire.map((w) => [w.name, w.rule]), [['AFP', 'sourcing/as-per']]);
  assert.deepEqual(wire('KYIV, Ukraine (AP) — Russia launched drones overnight.').wire.map((w) => [w.name, w.rule, w.text]), [['AP', 'sourcing/dateline', '(AP)']]);
  assert.deepEqual(wire('LONDON (Reuters) - Shares fell on Monday.').wire.map((w) => w.name), ['Reuters']);
  assert.deepEqual(wire('Three people were killed, Reuters reported.').wire.map((w) => [w.name, w.rule]), [['Reuters', 'sourcing/agency-verb']]);
  assert.deepEqual(wire('Troops crossed the river, according to Agence France-Presse.').wire.map((w) => w.name), ['AFP']);
  assert.deepEqual(wire('The talks will resume next week.\n- AFP').wire.map((w) => [w.name, w.rule]), [['AFP', 'sourcing/trailer']]);
  assert.deepEqual(wire('The minister told Interfax that talks would resume.').wire.map((w) => w.name), ['Interfax']);
});

test('no credit without a credit pattern; short all-caps names need one', () => {
  assert.deepEqual(wire('The AP Stylebook and the Reuters building were mentioned.').wire, []);
  // One entry per agency, the first credit as evidence.
  const twice = wire('As per AFP, talks ended. Both sides traded barbs, as per AFP.').wire;
  assert.deepEqual(twice.map((w) => [w.name, w.start]), [['AFP', 0]]);
  assert.deepEqual(wire('Ap and afp are not agencies here.').wire, []);
  assert.deepEqual(wire('').wire, []);
});

test('Source: line names the outlet when none is given; outlets cited in the text are credited', () => {
  const a = wire('The war goes on.\nSource: Kyiv Post');
  assert.equal(a.outlet, 'Kyiv Post');
  assert.deepEqual(a.wire, []);
  assert.equal(wire('The war goes on.\nSource: Kyiv Post', 'Given Outlet').outlet, 'Given Outlet');
  assert.equal(wire('Text here.\nSource: Some Unlisted Daily').outlet, 'Some Unlisted Daily');
  const b = wire('The deal is off, writes the Guardian.');
  assert.deepEqual(b.wire.map((w) => [w.name, w.rule]), [['The Guardian', 'sourcing/outlet-cited']]);
  const c = wire('Source: AFP');
  assert.deepEqual(c.wire.map((w) => w.name), ['AFP']);
  assert.equal(c.outlet, null);
});
