#!/usr/bin/env node
// Time the actors and coref stages over a JSONL corpus (one {text, published?} per line), after
// segmenting; prints ms/article per stage and mention counts. Needs `npx tsc` first.
// Usage: node scripts/actors-bench.mjs [../shared/corpora/bbc/articles.jsonl] [maxArticles]
import { readFileSync } from 'node:fs';
import { newDoc } from '../dist/src/code.js';
import { segment } from '../dist/src/stages/segment/index.js';
import { actorsStage } from '../dist/src/stages/actors/index.js';
import { corefStage } from '../dist/src/stages/coref/index.js';

const file = process.argv[2] ?? new URL('../../shared/corpora/bbc/articles.jsonl', import.meta.url).pathname;
const max = Number(process.argv[3] ?? 1e9);
const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(0, max);
// Segment lazily, one article at a time (keeping every segmented article alive would make the
// garbage collector, not the stages, dominate the timing).
function* docs() {
  for (const l of lines) {
    const a = JSON.parse(l);
    const text = (a.title ? a.title + '\n' : '') + (a.text ?? '');
    const d = newDoc({ text }, text, (a.published ?? a.date ?? '2025-01-01').slice(0, 10));
    segment(d);
    yield d;
  }
}
let chars = 0;
let n = 0;
// warm-up (loads dictionaries) on a copy
{ const d = newDoc({ text: 'Warm up: Russia said.' }, 'Warm up: Russia said.', null); segment(d); actorsStage.run(d); corefStage.run(d); }
let wall = 0;
let ta = 0, tc = 0, mentions = 0, coref = 0;
for (const d of docs()) {
  n++;
  chars += d.text.length;
  // CPU time (user + system) of this process, not wall time: the numbers stay meaningful on a
  // busy shared machine. Run with --expose-gc to collect before each article.
  if (globalThis.gc) globalThis.gc();
  const c0 = process.cpuUsage();
  const w0 = process.hrtime.bigint();
  actorsStage.run(d);
  const c1 = process.cpuUsage(c0);
  const w1 = process.hrtime.bigint();
  const before = d.mentions.length;
  const c2s = process.cpuUsage();
  corefStage.run(d);
  const c2 = process.cpuUsage(c2s);
  ta += (c1.user + c1.system) / 1e3;
  tc += (c2.user + c2.system) / 1e3;
  wall += Number(w1 - w0) / 1e6;
  mentions += before;
  coref += d.mentions.length - before;
}
console.log(`${n} articles, ${(chars / n).toFixed(0)} chars/article`);
console.log(`actors: ${(ta / n).toFixed(3)} ms/article (${((ta / n) * 2500 / (chars / n)).toFixed(3)} ms per 2,500 chars), ${(mentions / n).toFixed(1)} mentions/article`);
console.log(`actors wall time: ${(wall / n).toFixed(3)} ms/article (inflated when the machine is busy)`);
console.log(`coref:  ${(tc / n).toFixed(3)} ms/article, ${(coref / n).toFixed(1)} mentions/article`);
