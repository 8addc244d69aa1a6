/**
 * `npm run bench`: code the BBC corpus end to end and print throughput next to the floor — wink-nlp's
 * own annotation (sentences, tokens, POS) of the same texts in the same run.
 *
 *   npm run bench -- [--file path.jsonl] [--limit N] [--rounds R] [--json]
 *
 * Reads ../shared/corpora/bbc/articles.jsonl by default (never committed); skips with a message when absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { code, newDoc } from '../src/code.js';
import { createPipeline } from '../src/pipeline.js';
import { wink } from '../src/stages/segment/index.js';
import { packageRoot } from '../src/dictionaries/load.js';

interface Row { id?: string; text: string; published?: string; title?: string }

function load(file: string, limit: number): Row[] {
  const rows: Row[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as Row;
    if (typeof r.text === 'string') rows.push(r);
    if (rows.length >= limit) break;
  }
  return rows;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      limit: { type: 'string', default: '100000' },
      rounds: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
    },
  });
  const file = values.file ?? join(packageRoot(), '..', 'shared', 'corpora', 'bbc', 'articles.jsonl');
  if (!existsSync(file)) {
    console.log(`bench: skipped — ${file} not found (pass --file)`);
    return;
  }
  const rows = load(file, Number(values.limit));
  const chars = rows.reduce((n, r) => n + r.text.length, 0);
  const rounds = Math.max(1, Number(values.rounds));
  // Warm up both paths (data loading, JIT) on a few articles.
  for (const r of rows.slice(0, 20)) code({ text: r.text, published: r.published ?? '2005-01-01' });
  const nlp = wink();
  const its = nlp.its;

  let floorMs = 0;
  let sentences = 0;
  for (let k = 0; k < rounds; k++) {
    const t0 = performance.now();
    for (const r of rows) {
      const d = nlp.readDoc(r.text);
      d.tokens().out(its.pos);
      if (k === 0) sentences += d.sentences().length();
    }
    floorMs += performance.now() - t0;
  }
  let pipeMs = 0;
  let events = 0;
  let actors = 0;
  let failures = 0;
  const stageMs: Record<string, number> = {};
  for (let k = 0; k < rounds; k++) {
    const t0 = performance.now();
    for (const r of rows) {
      try {
        const doc = code({ text: r.text, published: r.published ?? '2005-01-01', title: r.title });
        if (k === 0) {
          events += doc.events.length;
          actors += doc.actors.length;
        }
      } catch {
        failures++;
      }
    }
    pipeMs += performance.now() - t0;
  }
  const n = rows.length * rounds;
  const floorRate = n / (floorMs / 1000);
  const pipeRate = n / (pipeMs / 1000);
  const result = {
    file,
    articles: rows.length,
    rounds,
    meanChars: Math.round(chars / rows.length),
    floor: { label: 'wink-nlp readDoc + POS', articlesPerSec: +floorRate.toFixed(1), msPerArticle: +(floorMs / n).toFixed(3) },
    pipeline: {
      articlesPerSec: +pipeRate.toFixed(1),
      sentencesPerSec: +((sentences * rounds) / (pipeMs / 1000)).toFixed(0),
      msPerArticle: +(pipeMs / n).toFixed(3),
      ratioToFloor: +(pipeRate / floorRate).toFixed(3),
    },
    output: { events, actors, failures },
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
  };
  // Per-stage time, on one more pass (the stages as the pipeline runs them).
  const pipeline = createPipeline();
  for (const r of rows) {
    const doc = newDoc({ text: r.text }, r.text, r.published ?? '2005-01-01');
    for (const st of pipeline.stages) {
      const t0 = performance.now();
      st.run(doc);
      stageMs[st.name] = (stageMs[st.name] ?? 0) + performance.now() - t0;
    }
  }
  const perStage = Object.fromEntries(Object.entries(stageMs).map(([k, v]) => [k, +(v / rows.length).toFixed(4)]));
  (result as Record<string, unknown>).msPerArticleByStage = perStage;
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(`bench: ${result.articles} articles × ${rounds} round(s), mean ${result.meanChars} chars, one core, ${result.node}`);
    console.log(`  floor (wink-nlp POS):   ${result.floor.articlesPerSec} articles/s  (${result.floor.msPerArticle} ms/article)`);
    console.log(`  dyad pipeline:          ${result.pipeline.articlesPerSec} articles/s  ${result.pipeline.sentencesPerSec} sentences/s  (${result.pipeline.msPerArticle} ms/article)  = ${(result.pipeline.ratioToFloor * 100).toFixed(0)}% of floor`);
    console.log(`  output: ${events} events, ${actors} actors, ${failures} failures`);
    console.log(`  ms/article by stage: ${Object.entries(perStage).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`  peak RSS: ${result.peakRssMB} MB`);
  }
}

main();
