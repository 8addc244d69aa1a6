/** Unit tests for the time stage on crafted sentences (no ../shared needed). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segment } from '../src/stages/segment/index.js';
import { runTime } from '../src/stages/time/index.js';
import { eventDate } from '../src/stages/time/attach.js';
import { isoWeek } from '../src/stages/time/calendar.js';
import type { Doc, TimeExpr } from '../src/document.js';
import { newDoc } from '../src/doc.js';


function run(text: string, published: string | null): Doc {
  const doc = newDoc({ text }, text, published);
  segment(doc);
  runTime(doc);
  return doc;
}

/** The expression whose text is `span` (first occurrence at or after `from`). */
function find(doc: Doc, span: string, from = 0): TimeExpr {
  const at = doc.text.indexOf(span, from);
  assert.ok(at >= 0, `test text lacks "${span}"`);
  const t = doc.times.find((x) => x.start === at && x.end === at + span.length);
  assert.ok(t, `no time expression "${span}"; got ${JSON.stringify(doc.times.map((x) => [x.text, x.value]))}`);
  return t;
}

const SUN = '2025-05-18'; // a Sunday
const WED = '2025-05-21';

test('calendar: ISO weeks', () => {
  assert.deepEqual(isoWeek({ y: 2025, m: 5, d: 18 }), { y: 2025, w: 20 });
  assert.deepEqual(isoWeek({ y: 2024, m: 12, d: 30 }), { y: 2025, w: 1 });
  assert.deepEqual(isoWeek({ y: 2021, m: 1, d: 3 }), { y: 2020, w: 53 });
});

test('bare weekday: back in a past clause, forward in a future one', () => {
  const d = run('Talks were held on Wednesday in Geneva. The two leaders will meet on Wednesday in Rome.', SUN);
  assert.equal(find(d, 'Wednesday').value, '2025-05-14');
  assert.equal(find(d, 'Wednesday', 30).value, '2025-05-21');
  assert.equal(find(d, 'Wednesday').precision, 'day');
  assert.equal(find(d, 'Wednesday').anchor, 'implied');
  const h = run('Trump to call Putin Monday', SUN);
  assert.equal(find(h, 'Monday').value, '2025-05-19');
  const s = run('On Sunday, the leaders held a joint phone call.', SUN);
  assert.equal(find(s, 'Sunday').value, '2025-05-18');
});

test('last/this/next week, month, year; earlier this month', () => {
  const d = run('The talks last week failed. Sales rose last month and will rise next year. Prices fell earlier this month.', SUN);
  assert.equal(find(d, 'last week').value, '2025-W19');
  assert.equal(find(d, 'last week').precision, 'week');
  assert.equal(find(d, 'last month').value, '2025-04');
  assert.equal(find(d, 'next year').value, '2026');
  assert.equal(find(d, 'earlier this month').value, '2025-05');
});

test('"in March": the last March in a past clause, the next in a future one', () => {
  const d = run('The army withdrew in March. Elections will be held in March.', '2025-05-18');
  assert.equal(find(d, 'March').value, '2025-03');
  assert.equal(find(d, 'March', 30).value, '2026-03');
  const e = run('Parliament approved the deal in September.', '2025-05-18');
  assert.equal(find(e, 'September').value, '2024-09');
});

test('absolute dates, "since February 2022", years as modifiers', () => {
  const d = run("Fighting has continued since February 2022. Moscow's 2022 invasion began on 24 February 2022. The accord was signed on May 5, 1998.", SUN);
  assert.equal(find(d, 'February 2022').value, '2022-02');
  assert.equal(find(d, 'February 2022').anchor, 'stated');
  assert.equal(find(d, '2022', d.text.indexOf('Moscow')).value, '2022');
  assert.equal(find(d, '24 February 2022').value, '2022-02-24');
  assert.equal(find(d, 'May 5, 1998').value, '1998-05-05');
  const n = run('The deal cost $2022 and 1500 people attended.', SUN);
  assert.equal(n.times.length, 0, JSON.stringify(n.times.map((t) => t.text)));
});

test('durations: "for months", "nearly three years", "two hours", hyphenated', () => {
  const d = run('Officials have said for months that the first talks in nearly three years would follow a two-hour meeting and a five-day visit.', SUN);
  assert.equal(find(d, 'months').type, 'DURATION');
  assert.equal(find(d, 'months').value, 'PXM');
  const y = find(d, 'nearly three years');
  assert.equal(y.type, 'DURATION');
  assert.equal(y.value, 'P3Y');
  assert.equal(find(d, 'two-hour').value, 'PT2H');
  assert.equal(find(d, 'five-day').value, 'P5D');
  const age = run('The 6-year-old boy returned.', SUN);
  assert.equal(age.times.length, 0);
});

test('adjacent expressions are not merged', () => {
  const d = run('They met on Monday, last week, in Paris.', WED);
  assert.equal(find(d, 'Monday').value, '2025-05-19');
  assert.equal(find(d, 'last week').value, '2025-W20');
});

test('references, deictic days, "ago", "the next day", coming days', () => {
  const d = run('Prices are now falling and were recently cut. Yesterday the minister resigned; tomorrow a new one takes office, and today talks go on tonight.', WED);
  assert.equal(find(d, 'now').value, 'PRESENT_REF');
  assert.equal(find(d, 'recently').value, 'PAST_REF');
  assert.equal(find(d, 'Yesterday').value, '2025-05-20');
  assert.equal(find(d, 'tomorrow').value, '2025-05-22');
  assert.equal(find(d, 'today').value, '2025-05-21');
  assert.equal(find(d, 'tonight').value, '2025-05-21');
  const c = run('The deal was agreed currently. Troops left two weeks ago and three years ago. The rebels attacked on 3 March 2024. The next day, the army responded. More talks are expected in the coming days.', WED);
  assert.equal(find(c, 'currently').value, 'PRESENT_REF');
  assert.equal(find(c, 'two weeks ago').value, '2025-W19');
  assert.equal(find(c, 'three years ago').value, '2022');
  assert.equal(find(c, 'The next day').value, '2024-03-04');
  assert.equal(find(c, 'the coming days').type, 'DURATION');
});

test('sets, times, quarters, decades, seasons', () => {
  const d = run('They meet every Monday and each week, and protest daily. The vote is at 2 p.m. on Thursday. Profits fell in the fourth quarter. In the 1990s the economy grew. The offensive began last summer.', SUN);
  assert.equal(find(d, 'every Monday').type, 'SET');
  assert.equal(find(d, 'every Monday').value, 'XXXX-WXX-1');
  assert.equal(find(d, 'each week').value, 'P1W');
  assert.equal(find(d, 'daily').type, 'SET');
  const t = find(d, '2 p.m.');
  assert.equal(t.type, 'TIME');
  assert.match(t.value, /T14:00$/);
  assert.equal(find(d, 'the fourth quarter').value, '2024-Q4');
  assert.equal(find(d, 'the 1990s').value, '199');
  assert.equal(find(d, 'last summer').value, '2024-SU');
});

test('quotes are anchored at the time they were said', () => {
  const d = run('On Monday, the minister spoke to reporters.\n“We will meet again tomorrow,” the minister said.', WED);
  assert.equal(find(d, 'Monday').value, '2025-05-19');
  const t = find(d, 'tomorrow');
  assert.equal(t.value, '2025-05-20');
  assert.match(t.evidence.rule, /quote-anchor/);
  const n = run('“We will meet again tomorrow.” The minister said this on Monday, after the talks.', WED);
  assert.equal(find(n, 'tomorrow').value, '2025-05-20');
  const p = run('“We will meet again tomorrow,” the minister said.', WED);
  assert.equal(find(p, 'tomorrow').value, '2025-05-22');
});

test('capitalised names are not dates; scheduled present looks forward', () => {
  const d = run('He won for Saturday Night Takeaway and wrote for the Sunday Times. The vote is on Friday.', SUN);
  assert.equal(d.times.filter((t) => /Saturday|Sunday/.test(t.text)).length, 0, JSON.stringify(d.times.map((t) => t.text)));
  assert.equal(find(d, 'Friday').value, '2025-05-23');
});

test('possessive weekdays, explicit last/next, day ranges', () => {
  const d = run("Last Friday's attack killed 12. Monday's call was among the topics. The summit runs on 12-13 June.", SUN);
  assert.equal(find(d, 'Last Friday').value, '2025-05-16');
  assert.equal(find(d, 'Monday').value, '2025-05-19');
  assert.equal(find(d, '12-13 June').value, '2025-06-12');
});

test('no publication date: absolute values kept, relative ones unresolved', () => {
  const d = run('The accord was signed on May 5, 1998. They will meet on Monday and talks ended last week, in March and tomorrow; it lasted three years.', null);
  assert.equal(find(d, 'May 5, 1998').value, '1998-05-05');
  assert.equal(find(d, 'Monday').value, 'XXXX-WXX-1');
  assert.equal(find(d, 'Monday').anchor, 'stated');
  assert.equal(find(d, 'last week').value, 'XXXX-WXX');
  assert.equal(find(d, 'March').value, 'XXXX-03');
  assert.equal(find(d, 'tomorrow').value, 'XXXX-XX-XX');
  assert.equal(find(d, 'three years').value, 'P3Y');
});

test('offsets index the text and bad input does not crash', () => {
  for (const text of ['', '   ', '\u0000\u0001 2025', 'Ünïcödé — “on Monday” ‘last week’ 😀 2 p.m.', 'x'.repeat(3000), '1999 2000 2001 May May May']) {
    const d = run(text, SUN);
    for (const t of d.times) assert.equal(d.text.slice(t.start, t.end), t.text);
  }
  const d = run('Talks were held on Wednesday.', 'not-a-date');
  assert.equal(find(d, 'Wednesday').value, 'XXXX-WXX-3');
});

test('eventDate: the expression governing the clause, else the publication date', () => {
  const text = 'Russia attacked Kyiv on Tuesday, while Ukraine will respond on Friday.';
  const d = run(text, WED);
  const trig = (w: string) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length });
  const comma = text.indexOf(',');
  const a = eventDate(d, { sentence: 0, trigger: trig('attacked'), clause: { start: 0, end: comma } });
  assert.equal(a?.value, '2025-05-20');
  assert.equal(a?.precision, 'day');
  assert.ok(a?.time);
  const r = eventDate(d, { sentence: 0, trigger: trig('respond'), clause: { start: comma + 1, end: text.length } });
  assert.equal(r?.value, '2025-05-23');
  const plain = run('Russia attacked Kyiv.', WED);
  const p = eventDate(plain, { sentence: 0, trigger: { start: 7, end: 15 }, clause: { start: 0, end: 21 } });
  assert.deepEqual(p, { value: WED, precision: 'day', anchor: 'implied', time: null });
  const none = run('Russia attacked Kyiv.', null);
  assert.equal(eventDate(none, { sentence: 0, trigger: { start: 7, end: 15 }, clause: { start: 0, end: 21 } }), null);
});
