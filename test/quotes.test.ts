/** Quotes stage on crafted sentences: every recognizer, kind rule, speaker rule and medium. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { code } from '../src/index.js';
import type { CodedDocument, Quote } from '../src/document.js';
import { findMarked } from '../src/stages/quotes/marks.js';
import { inflect } from '../src/stages/quotes/lexicon.js';
import { offsetErrors, schemaErrors } from './helpers.js';

function run(text: string): CodedDocument {
  const d = code({ text, published: '2025-05-18' });
  assert.deepEqual(offsetErrors(text, d), [], 'offsets');
  for (const q of d.quotes) {
    if (q.speaker) assert.ok(q.speaker.end > q.speaker.start, 'speaker span');
    assert.equal(text.slice(q.start, q.end), q.text);
  }
  return d;
}
const spk = (text: string, q: Quote | undefined) => (q?.speaker ? text.slice(q.speaker.start, q.speaker.end) : null);
const find = (d: CodedDocument, kind: string, has: string) => d.quotes.find((q) => q.kind === kind && q.text.includes(has));

test('quote marks: curly, straight, single, doubled apostrophes; apostrophes are not marks', () => {
  const t = `He said “one two three,” then "four five" and ‘six’. It’s Russia’s. ''seven eight''`;
  const m = findMarked(t).map((x) => t.slice(x.start, x.end));
  assert.deepEqual(m, ['one two three', 'four five', 'six', 'seven eight']);
  // a quote left open at the end of a paragraph continues when the next one opens with a mark
  const p = '“First part of it.\n“Second part.” he said.';
  const mm = findMarked(p);
  assert.equal(mm.length, 2);
  assert.equal(mm[0].unclosed, true);
  assert.equal(mm[1].continues, true);
});

test('cue inflection: regular forms and doubling', () => {
  assert.deepEqual(inflect('deny').past, ['denied']);
  assert.ok(inflect('admit').past.includes('admitted'));
  assert.deepEqual(inflect('stress').s, ['stresses']);
  assert.deepEqual(inflect('argue').ing, ['arguing']);
});

test('direct quote, attribution after: "…," said X / "…," X said / "…," he said', () => {
  const t = '“We will not accept any ceasefire that freezes the front line,” said a senior Ukrainian official.';
  const d = run(t);
  const q = find(d, 'direct', 'We will not accept');
  assert.ok(q);
  assert.equal(q.cue?.text, 'said');
  assert.match(spk(t, q) ?? '', /senior Ukrainian official/);
  assert.ok(!q.text.endsWith(','), 'the attribution comma is not content');

  const t2 = '"The talks were useful but nothing was agreed," the minister told reporters on Friday.';
  const q2 = find(run(t2), 'direct', 'talks were useful');
  assert.equal(q2?.cue?.text, 'told');
  assert.equal(spk(t2, q2), 'the minister');

  const t3 = 'Maria Lopez met the delegation on Monday.\n“It was a productive meeting,” she said.';
  const q3 = find(run(t3), 'direct', 'productive');
  assert.equal(spk(t3, q3), 'she');
  assert.ok(q3?.speaker?.name, 'a pronoun speaker gets a name');
});

test('direct quote, attribution before: X said: "…" / X wrote that "…" / apposition', () => {
  const t = 'The prime minister said on Sunday: “Our aim is to guarantee lasting security for the region.”';
  const q = find(run(t), 'direct', 'Our aim');
  assert.equal(q?.cue?.text, 'said');
  assert.equal(spk(t, q), 'The prime minister');

  const t2 = 'Jane Doe, who leads the opposition bloc, argued that “the government has lost its majority.”';
  const q2 = find(run(t2), 'direct', 'lost its majority');
  assert.equal(q2?.kind, 'direct');
  assert.equal(spk(t2, q2), 'Jane Doe');
});

test('split quote and second sentence in the same paragraph share speaker, cue and medium', () => {
  const t = '“We discussed trade and security,” the president wrote on Telegram. “We also agreed to meet again next month.”';
  const d = run(t);
  const a = find(d, 'direct', 'trade and security');
  const b = find(d, 'direct', 'meet again');
  assert.ok(a && b);
  assert.equal(a.medium, 'Telegram');
  assert.equal(b.medium, 'Telegram');
  assert.deepEqual(b.speaker, a.speaker);
  assert.deepEqual(b.cue, a.cue);
  assert.equal(b.evidence.anchor, 'implied');

  const t2 = '“The first part,” the spokesperson added, “and the second part of the same sentence.”';
  const d2 = run(t2);
  const parts = d2.quotes.filter((q) => q.kind === 'direct');
  assert.equal(parts.length, 2);
  assert.equal(spk(t2, parts[0]), 'the spokesperson');
  assert.equal(spk(t2, parts[1]), 'the spokesperson');
});

test('a quote running over two paragraphs keeps its speaker', () => {
  const t = 'The mayor said:\n“We have rebuilt the bridge and the school.\n“Next year we will rebuild the hospital.”';
  const d = run(t);
  const qs = d.quotes.filter((q) => q.kind === 'direct');
  assert.equal(qs.length, 2);
  assert.equal(spk(t, qs[0]), 'The mayor');
  assert.equal(qs[1].speaker?.name, qs[0].speaker?.name);
  assert.equal(qs[1].evidence.rule, 'quotes/continued-paragraph');
});

test('scare quotes and quoted phrases are partial; inside reported speech they take its speaker', () => {
  const t = 'Kyiv accused Moscow of sending a “dummy” delegation.\nCritics call the plan a “road map” to nowhere.';
  const d = run(t);
  const dummy = find(d, 'partial', 'dummy');
  assert.ok(dummy);
  assert.equal(spk(t, dummy), 'Kyiv');
  assert.equal(find(d, 'direct', 'dummy'), undefined);
  const t2 = 'The minister said that “the next step” should be a meeting of the two leaders.';
  const d2 = run(t2);
  const p = find(d2, 'partial', 'next step');
  const ind = find(d2, 'indirect', 'should be a meeting');
  assert.ok(p && ind);
  assert.equal(p.speaker?.name, ind.speaker?.name);
  // headline scare quote, single marks
  const t3 = 'Leaders Meet in Bid to End ‘Bloodbath’ in the East\nThe leaders met on Monday.';
  const d3 = run(t3);
  assert.equal(find(d3, 'partial', 'Bloodbath')?.kind, 'partial');
  assert.equal(find(d3, 'partial', 'Bloodbath')?.speaker, null);
});

test('embedded full clause after a cue is direct; a short phrase is partial', () => {
  const t = 'The senator previously argued that “nothing’s going to happen” before the election.';
  assert.equal(find(run(t), 'direct', 'going to happen')?.kind, 'direct');
  const t2 = 'The council said it had “taken note” of the request.';
  const d2 = run(t2);
  assert.ok(find(d2, 'partial', 'taken note'));
  assert.ok(find(d2, 'indirect', 'it had'));
});

test('indirect speech: said (that), told reporters, by saying, but insisted, according to, inverted', () => {
  const t = 'Following the talks, the president said he would hold phone calls with both leaders.';
  const q = find(run(t), 'indirect', 'he would hold phone calls');
  assert.equal(q?.cue?.text, 'said');
  assert.equal(spk(t, q), 'the president');
  assert.ok(!q?.text.endsWith('.'));

  const t2 = 'The defence minister told reporters that the army had retaken the village.';
  const q2 = find(run(t2), 'indirect', 'the army had retaken');
  assert.equal(spk(t2, q2), 'The defence minister');
  assert.equal(q2?.text.startsWith('that'), false);

  const t3 = 'The ministry responded by saying it had sent a delegation but insisted any summit could only take place later.';
  const d3 = run(t3);
  const a = find(d3, 'indirect', 'it had sent a delegation');
  const b = find(d3, 'indirect', 'any summit could only');
  assert.ok(a && b);
  assert.ok(!a.text.includes('insisted'), 'the second cue ends the first content');
  assert.equal(spk(t3, a), 'The ministry');
  assert.equal(spk(t3, b), 'The ministry');

  const t4 = 'According to the United Nations, more than two million people have fled the region.';
  const q4 = find(run(t4), 'indirect', 'two million people');
  assert.equal(q4?.cue?.text, 'According to');
  assert.match(spk(t4, q4) ?? '', /United Nations/);

  const t5 = 'The convoy was hit by a missile near the border, a police official said.';
  const q5 = find(run(t5), 'indirect', 'The convoy was hit');
  assert.equal(spk(t5, q5), 'a police official');
  assert.equal(q5?.evidence.rule, 'quotes/indirect-inverted');

  const t6 = 'Smith said the company had lost money, according to a filing.';
  const q6 = find(run(t6), 'indirect', 'had lost money');
  assert.ok(q6 && !q6.text.includes('according'), 'a trailing "according to" is not content');
});

test('no quote without a cue or marks; nouns that look like cues are not cues', () => {
  assert.equal(run('The statement was published on Monday and the claims were denied.').quotes.filter((q) => q.kind === 'indirect').length, 0);
  assert.equal(run('He was told the plane had landed.').quotes.length, 0, 'passive "was told": the subject heard, not said');
  assert.equal(run('').quotes.length, 0);
  run('“ ” "" ‘’ \' " “unclosed at the end');
});

test('media: Telegram, state TV over interview, press conference, statement', () => {
  const t = 'In an interview aired on Russian state TV, the president said: “We are ready for talks.”';
  assert.equal(find(run(t), 'direct', 'ready for talks')?.medium, 'Russian state TV');
  const t2 = '“The border will stay closed,” the minister said at a press conference.';
  assert.equal(find(run(t2), 'direct', 'border will stay')?.medium, 'press conference');
  const t3 = 'The ministry said in a statement that the strikes had hit military targets.';
  assert.equal(find(run(t3), 'indirect', 'strikes had hit')?.medium, 'statement');
  const t4 = '“We will rebuild,” the governor said.';
  assert.equal(find(run(t4), 'direct', 'We will rebuild')?.medium, null);
});

test('quote ids are in text order and evidence names rule and cue entry; output validates', () => {
  const t = '“One thing is clear,” the envoy said. The envoy said the talks would resume. “Another thing,” she added.';
  const d = run(t);
  assert.equal(schemaErrors(d), null);
  d.quotes.forEach((q, i) => assert.equal(q.id, `q${i + 1}`));
  for (let i = 1; i < d.quotes.length; i++) assert.ok(d.quotes[i].start >= d.quotes[i - 1].start);
  const q = d.quotes[0];
  assert.equal(q.evidence.stage, 'quotes');
  assert.match(q.evidence.source ?? '', /quotes\/cues\.json@.*#cue:say/);
});
