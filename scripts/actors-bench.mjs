#!/usr/bin/env node
// Time the actors and coref stages over a JSONL corpus (one {title?, text, published?} per line).
// Articles are segmented first (not timed); then each stage runs over all of them, several rounds,
// and the best round is reported as CPU ms per article (process.cpuUsage: meaningful on a busy
// shared machine, where wall time is not). The segment stage is timed the same way, for scale.
// A last measure runs actors inside the pipeline (after segment + sourcing on each article), where
// cold CPU caches make it slower than in the isolated rounds. Needs `npx tsc` first.
// Usage: node scripts/actors-bench.mjs [../shared/corpora/bbc/articles.jsonl] [maxArticles=600] [rounds=5]
import { readFileSync } from 'node:fs';
import { segment } from '../dist/src/stages/segment/index.js';

/** A bare working document (not via code(): only the stages timed here are loaded). */
function newDoc(article, text, published) {
  let id = 0;
  return { article, text, published, meta: { wire: [] }, sentences: [], tokens: [], actors: new Map(), mentions: [], times: [], places: [], quotes: [], events: [], warnings: [], scratch: {}, nextId: (p) => `${p}${++id}` };
}
import { actorsStage } from '../dist/src/stages/actors/index.js';
import { corefStage } from '../dist/src/stages/coref/index.js';
import { sourcingStage } from '../dist/src/stages/sourcing/index.js';

const file = process.argv[2] ?? new URL('../../shared/corpora/bbc/articles.jsonl', import.meta.url).pathname;
const max = Number(process.argv[3] ?? 600);
const rounds = Number(process.argv[4] ?? 5);
const arts = readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(0, max).map((l) => JSON.parse(l));
const texts = arts.map((a) => (a.title ? a.title + '\n' : '') + (a.text ?? ''));
const dates = arts.map((a) => (a.published ?? a.date ?? '2025-01-01').slice(0, 10));
const cpu = (f) => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e3;
};
let segMs = Infinity;
let segd = [];
for (let r = 0; r < Math.min(rounds, 2); r++) {
  const out = [];
  segMs = Math.min(segMs, cpu(() => texts.forEach((t, i) => { const d = newDoc({ text: t }, t, dates[i]); segment(d); out.push(d); })));
  segd = out;
}
const fresh = (d) => Object.assign(newDoc(d.article, d.text, d.published), { tokens: d.tokens, sentences: d.sentences });
let actMs = Infinity;
let corMs = Infinity;
let mentions = 0;
let corefMentions = 0;
for (let r = 0; r < rounds; r++) {
  const docs = segd.map(fresh);
  actMs = Math.min(actMs, cpu(() => docs.forEach((d) => actorsStage.run(d))));
  const before = docs.reduce((n, d) => n + d.mentions.length, 0);
  corMs = Math.min(corMs, cpu(() => docs.forEach((d) => corefStage.run(d))));
  mentions = before;
  corefMentions = docs.reduce((n, d) => n + d.mentions.length, 0) - before;
}
// In the pipeline the stage runs right after segmentation, whose work evicts the dictionaries from the
// CPU caches: time it there too (segment + sourcing untimed, then actors, per article).
let pipeMs = Infinity;
for (let r = 0; r < rounds; r++) {
  let us = 0;
  texts.forEach((t, i) => {
    const d = newDoc({ text: t }, t, dates[i]);
    segment(d);
    sourcingStage.run(d);
    const c0 = process.cpuUsage();
    actorsStage.run(d);
    const c = process.cpuUsage(c0);
    us += c.user + c.system;
  });
  pipeMs = Math.min(pipeMs, us / 1e3);
}
const n = texts.length;
const chars = texts.reduce((k, t) => k + t.length, 0) / n;
console.log(`${n} articles, ${chars.toFixed(0)} chars/article, best of ${rounds} rounds, CPU time`);
console.log(`segment (wink, for scale): ${(segMs / n).toFixed(3)} ms/article`);
console.log(`actors: ${(actMs / n).toFixed(3)} ms/article (${((actMs / n) * 2500 / chars).toFixed(3)} ms per 2,500 chars), ${(mentions / n).toFixed(1)} mentions/article`);
console.log(`coref:  ${(corMs / n).toFixed(3)} ms/article, ${(corefMentions / n).toFixed(1)} mentions/article`);
console.log(`actors inside the pipeline (right after segment + sourcing): ${(pipeMs / n).toFixed(3)} ms/article`);
