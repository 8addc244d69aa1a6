#!/usr/bin/env node
// Person / organisation / country recognition of the actors stage against CoNLL-2003-style BIO
// data ({tokens, tags, doc}). Overlap match: a gold entity counts as found when a predicted
// mention of the mapped type overlaps it; a prediction is right when it overlaps a gold entity of
// that type. Mapping: person → PER; organisation/igo/ngo/media → ORG; a country or capital named as
// an actor → LOC; a country adjective (Russian) → MISC. Report only: do not tune to it.
// Usage: node scripts/actors-conll.mjs ../shared/eval/ner/conll2003_dev.jsonl
import { readFileSync } from 'node:fs';
import { segment } from '../dist/src/stages/segment/index.js';

/** A bare working document (not via code(): only the stages timed here are loaded). */
function newDoc(article, text, published) {
  let id = 0;
  return { article, text, published, meta: { wire: [] }, sentences: [], tokens: [], actors: new Map(), mentions: [], times: [], places: [], quotes: [], events: [], warnings: [], scratch: {}, nextId: (p) => `${p}${++id}` };
}
import { actorsStage } from '../dist/src/stages/actors/index.js';

const file = process.argv[2] ?? new URL('../../shared/eval/ner/conll2003_dev.jsonl', import.meta.url).pathname;
const rows = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
// ACTORS_CONLL_SHOW=ORG:fp (or PER:fn …) prints the false positives (or misses) of one type.
const show = process.env.ACTORS_CONLL_SHOW ?? '';
const byDoc = new Map();
for (const r of rows) {
  if (!byDoc.has(r.doc)) byDoc.set(r.doc, []);
  byDoc.get(r.doc).push(r);
}
const stats = {};
const st = (t) => (stats[t] ??= { tp: 0, fp: 0, fn: 0, found: 0 });
for (const sents of byDoc.values()) {
  let text = '';
  const gold = [];
  for (const r of sents) {
    if (r.tokens.length === 1 && r.tokens[0] === '-DOCSTART-') continue;
    const offs = [];
    for (const t of r.tokens) {
      if (text && !text.endsWith('\n')) text += ' ';
      offs.push([text.length, text.length + t.length]);
      text += t;
    }
    text += '\n';
    let cur = null;
    r.tags.forEach((tag, i) => {
      if (tag.startsWith('B-') || (tag.startsWith('I-') && (!cur || cur.type !== tag.slice(2)))) {
        if (cur) gold.push(cur);
        cur = { type: tag.slice(2), start: offs[i][0], end: offs[i][1] };
      } else if (tag.startsWith('I-')) cur.end = offs[i][1];
      else if (cur) {
        gold.push(cur);
        cur = null;
      }
    });
    if (cur) gold.push(cur);
  }
  const d = newDoc({ text }, text, '1996-08-30');
  segment(d);
  actorsStage.run(d);
  const pred = [];
  for (const m of d.mentions) {
    const a = d.actors.get(m.actor);
    let type = null;
    if (a.kind === 'person' && (m.how === 'name' || m.how === 'surname' || m.how === 'titled')) type = 'PER';
    else if (['organisation', 'igo', 'ngo', 'media'].includes(a.kind) && m.how === 'name') type = 'ORG';
    else if ((m.how === 'country' || m.how === 'capital') && !m.possessive) type = a.country && d.tokens[m.head].text.match(/(an|ese|ish|i)$/) && m.evidence.rule === 'actors/adjective' ? 'MISC' : 'LOC';
    else if (m.evidence.rule === 'actors/adjective') type = 'MISC';
    if (m.evidence.rule === 'actors/adjective') type = 'MISC';
    if (!type) continue;
    // for titled people, only the name part (the head's capitalised run)
    let start = m.start;
    if (type === 'PER' && m.how === 'titled') {
      let k = m.head;
      while (k > m.tokenStart && d.tokens[k - 1].cap && d.tokens[k - 1].pos === 'PROPN') k--;
      start = d.tokens[k].start;
    }
    pred.push({ type, start, end: m.end });
  }
  const ov = (a, b) => a.start < b.end && b.start < a.end;
  for (const g of gold) if (pred.some((p) => p.type === g.type && ov(p, g))) st(g.type).found++; else { st(g.type).fn++; if (show === `${g.type}:fn`) console.log('FN', text.slice(g.start, g.end), '|', text.slice(Math.max(0, g.start - 40), g.end + 40).replace(/\n/g, ' ')); }
  for (const p of pred) if (gold.some((g) => g.type === p.type && ov(p, g))) st(p.type).tp++; else { st(p.type).fp++; if (show === `${p.type}:fp`) console.log('FP', text.slice(p.start, p.end), '|', text.slice(Math.max(0, p.start - 40), p.end + 40).replace(/\n/g, ' ')); }
}
for (const [t, s] of Object.entries(stats).sort()) {
  const P = s.tp / (s.tp + s.fp || 1);
  const R = s.found / (s.found + s.fn || 1);
  console.log(`${t.padEnd(5)} P ${P.toFixed(3)}  R ${R.toFixed(3)}  F1 ${((2 * P * R) / (P + R || 1)).toFixed(3)}  (gold ${s.found + s.fn}, predicted ${s.tp + s.fp})`);
}
