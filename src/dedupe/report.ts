/**
 * What dedupe does on a store: mentions vs deduplicated events, cluster sizes, multi-article
 * clusters (with examples), reprint stories, plans and fulfilments, and the time it took.
 *
 *   node dist/src/dedupe/report.js <store.db> [--examples N]
 */
import { pathToFileURL } from 'node:url';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { mentionRecordsFromStore } from './from-store.js';
import { clusterMentions } from './index.js';

export interface DedupeReport {
  articles: number;
  mentions: number;
  events: number;
  /** events / mentions */
  ratio: number;
  multiMention: number;
  multiArticle: number;
  multiOutlet: number;
  stories: number;
  planned: number;
  fulfilled: number;
  sizes: Record<string, number>;
  comparisons: number;
  readMs: number;
  clusterCpuMs: number;
  examples: { code: string; dyad: string; date: string | null; status: string; mentions: { article: string; published: string | null; sentence: string }[] }[];
}

export function dedupeReport(store: Store, examples = 5): DedupeReport {
  let t = performance.now();
  const recs = mentionRecordsFromStore(store);
  const readMs = performance.now() - t;
  const c0 = process.cpuUsage();
  const r = clusterMentions(recs);
  const cpu = process.cpuUsage(c0);
  t = performance.now();
  const byKey = new Map(recs.map((m) => [m.key, m]));
  const sizes: Record<string, number> = {};
  for (const c of r.clusters) sizes[c.mentionKeys.length] = (sizes[c.mentionKeys.length] ?? 0) + 1;
  const multiArticle = r.clusters.filter((c) => c.articles.length > 1);
  return {
    articles: new Set(recs.map((m) => m.articleId)).size,
    mentions: recs.length,
    events: r.clusters.length,
    ratio: recs.length ? Math.round((r.clusters.length / recs.length) * 1000) / 1000 : 1,
    multiMention: r.clusters.filter((c) => c.mentionKeys.length > 1).length,
    multiArticle: multiArticle.length,
    multiOutlet: r.clusters.filter((c) => c.sources.length > 1).length,
    stories: r.stats.stories,
    planned: r.stats.planned,
    fulfilled: r.stats.fulfilled,
    sizes,
    comparisons: r.stats.comparisons,
    readMs: Math.round(readMs),
    clusterCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    examples: multiArticle.slice(0, examples).map((c) => ({
      code: c.code,
      dyad: `${c.sourceCode ?? c.sourceCountry ?? '-'} → ${c.targetCode ?? c.targetCountry ?? '-'}`,
      date: c.date,
      status: c.status,
      mentions: c.mentionKeys.slice(0, 3).map((k) => {
        const m = byKey.get(k)!;
        return { article: m.articleId, published: m.published, sentence: m.sentence.slice(0, 140) };
      }),
    })),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const db = process.argv[2];
  if (!db) {
    process.stderr.write('usage: node dist/src/dedupe/report.js <store.db> [--examples N]\n');
    process.exit(2);
  }
  const i = process.argv.indexOf('--examples');
  const n = i > 0 ? Number(process.argv[i + 1]) || 5 : 5;
  const store = openStore(db, { mustExist: true });
  try {
    process.stdout.write(JSON.stringify(dedupeReport(store, n), null, 1) + '\n');
  } finally {
    store.close();
  }
}
