/**
 * A controlled check of the reprint rule on real pipeline output: every article of a JSONL corpus
 * is coded as published by outlet A, and again as a lightly edited reprint by outlets B and C one
 * day later (another first line, a wire credit appended, a word changed). Dedupe should put each
 * reprinted event with its original (one story, three outlets) and keep different articles apart.
 *
 *   node dist/src/dedupe/reprint-check.js <articles.jsonl> [--limit N]
 *
 * Reports: mentions, events, the share of reprint mentions that landed in the cluster of their
 * original mention (recall), and clusters mixing different source articles (other than via the
 * story rule) — a rough over-merge count.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { code } from '../code.js';
import type { Article } from '../document.js';
import { clusterMentions, mentionRecordOf, storySignature, type MentionRecord } from './index.js';

function nextDay(d: string | undefined): string | undefined {
  if (!d) return d;
  const t = Date.parse(d.slice(0, 10));
  return Number.isFinite(t) ? new Date(t + 86400000).toISOString().slice(0, 10) : d;
}

function variant(text: string, outlet: string): string {
  // Another outlet's edit: a kicker line, one word changed, a wire credit at the end.
  const edited = text.replace(/\bsaid\b/, 'stated');
  return `${outlet} — world news\n\n${edited}\n\n(Reporting by wire staff; editing by ${outlet}.)`;
}

export function reprintCheck(articles: Article[]): Record<string, number> {
  const recs: MentionRecord[] = [];
  const origin = new Map<string, string>(); // mention key → "article#eventIndex" of the original
  const outlets = ['Outlet A', 'Outlet B', 'Outlet C'];
  articles.forEach((a, ai) => {
    outlets.forEach((outlet, oi) => {
      const text = oi === 0 ? a.text : variant(a.text, outlet);
      const published = oi === 0 ? a.published : nextDay(a.published);
      const doc = code({ ...a, id: `${ai}-${oi}`, text, outlet, published, url: `https://outlet${oi}.example/${ai}` });
      const sig = storySignature(text);
      doc.events.forEach((e, ei) => {
        const key = `${ai}-${oi}:${ei}`;
        origin.set(key, `${ai}`);
        recs.push(
          mentionRecordOf(
            key,
            { articleId: `${ai}-${oi}`, outlet, url: `https://outlet${oi}.example/${ai}`, published: published ?? null, storyHash: sig.hash, storySig: sig.minhash },
            e,
          ),
        );
      });
    });
  });
  const c0 = process.cpuUsage();
  const r = clusterMentions(recs);
  const cpu = process.cpuUsage(c0);
  // Recall: a reprint mention (outlet B/C) whose cluster also holds a mention of the original (A) of the same article.
  const members = new Map<string, string[]>();
  for (const [k, id] of r.assignment) {
    const l = members.get(id);
    if (l) l.push(k);
    else members.set(id, [k]);
  }
  let reprints = 0;
  let joined = 0;
  for (const m of recs) {
    if (m.articleId.endsWith('-0')) continue;
    reprints++;
    const art = origin.get(m.key)!;
    const cl = members.get(r.assignment.get(m.key)!)!;
    if (cl.some((k) => origin.get(k) === art && k.split(':')[0].endsWith('-0'))) joined++;
  }
  let mixed = 0;
  for (const cl of members.values()) if (new Set(cl.map((k) => origin.get(k))).size > 1) mixed++;
  const threeOutlets = r.clusters.filter((c) => c.sources.length === 3).length;
  return {
    articles: articles.length,
    mentions: recs.length,
    events: r.clusters.length,
    originalMentions: recs.length - reprints,
    reprintMentions: reprints,
    reprintRecall: reprints ? Math.round((joined / reprints) * 1000) / 1000 : 1,
    clustersWith3Outlets: threeOutlets,
    clustersMixingArticles: mixed,
    stories: r.stats.stories,
    clusterCpuMs: Math.round((cpu.user + cpu.system) / 1000),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node dist/src/dedupe/reprint-check.js <articles.jsonl> [--limit N]\n');
    process.exit(2);
  }
  const li = process.argv.indexOf('--limit');
  const limit = li > 0 ? Number(process.argv[li + 1]) || 100 : 100;
  const arts: Article[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const a = JSON.parse(line) as Article;
      if (a.text) arts.push(a);
    } catch {
      /* skip broken lines */
    }
    if (arts.length >= limit) break;
  }
  process.stdout.write(JSON.stringify(reprintCheck(arts), null, 1) + '\n');
}
