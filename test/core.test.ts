import { test } from 'node:test';
import assert from 'node:assert/strict';
import { code } from '../src/index.js';
import { example, offsetErrors, schemaErrors } from './helpers.js';

test('segment: headline split from body, sentences and offsets index the text', () => {
  const text = example('ankara-talks.txt');
  const doc = code({ text, published: '2025-06-06' }, { debug: true });
  assert.ok(doc.debug);
  const s = doc.debug.sentences;
  assert.equal(s[0].text, 'Ukraine and Russia Agree to Prisoner Swap After Talks in Ankara');
  assert.equal(s[0].headline, true);
  for (const t of doc.debug.tokens) assert.equal(text.slice(t.start, t.end), t.text);
  const met = doc.debug.tokens.find((t) => t.norm === 'met');
  assert.equal(met?.tense, 'past');
});

test('output validates against the JSON schema and offsets match', () => {
  for (const name of ['ankara-talks.txt', 'sahel-sanctions.txt', 'gaza-aid.txt']) {
    const text = example(name);
    const doc = code({ text, published: '2025-06-06', id: name });
    assert.equal(schemaErrors(doc), null, name);
    assert.deepEqual(offsetErrors(text, doc), [], name);
    assert.equal(doc.article.id, name);
  }
});

test('bad input: empty, binary, huge, HTML, invalid date', () => {
  assert.deepEqual(code({ text: '' }).events, []);
  assert.match(code({ text: '   ' }).warnings?.[0] ?? '', /empty/);
  const junk = Array.from({ length: 3000 }, (_, i) => String.fromCharCode(i % 31)).join('');
  assert.match(code({ text: junk }).warnings?.[0] ?? '', /binary/);
  const html = '<html><body><p>Russia accused Ukraine of attacking.</p><script>alert(1)</script><p>More.</p></body></html>';
  const d = code({ text: html, published: '2025-01-01' }, { debug: true });
  assert.ok(d.warnings?.some((w) => /HTML/.test(w)));
  assert.ok(!d.debug?.tokens.some((t) => t.text.includes('<') || t.text === 'alert'));
  assert.throws(() => code({ text: 'x', published: '2025-02-30' }), /no such day/);
  assert.throws(() => code({ text: 'x', published: 'yesterday' }), /invalid published date/);
  assert.throws(() => code({ text: 42 } as never), /must be a string/);
  const big = 'Russia accused Ukraine. '.repeat(50_000); // 1.2 MB, one line
  const bd = code({ text: big, published: '2025-01-01' });
  assert.ok(bd.warnings?.some((w) => /only the first/.test(w)));
});
