/**
 * End-to-end demonstration of plan → fulfilment linking on real pipeline output: two articles
 * written for this demo (not from any outlet) — a plan published on Sunday ("will speak with …
 * on Monday") and a report published on Tuesday ("spoke with … on Monday").
 *
 *   node dist/src/dedupe/plan-demo.js
 */
import { pathToFileURL } from 'node:url';
import { code } from '../code.js';
import type { Article } from '../document.js';
import { clusterMentions, mentionRecordOf, storySignature, type DedupeResult, type MentionRecord } from './index.js';

export const PLAN_DEMO: Article[] = [
  {
    id: 'plan',
    outlet: 'Morning Ledger',
    published: '2025-05-18',
    text: 'Trump to call Putin on Monday\n\nUS President Donald Trump will speak with Russian President Vladimir Putin by phone on Monday, the White House said on Sunday.',
  },
  {
    id: 'report',
    outlet: 'Evening Courier',
    published: '2025-05-20',
    text: 'Trump and Putin talk for two hours\n\nUS President Donald Trump spoke with Russian President Vladimir Putin by phone on Monday for more than two hours, the Kremlin said.',
  },
];

export function records(articles: Article[]): MentionRecord[] {
  const recs: MentionRecord[] = [];
  for (const a of articles) {
    const doc = code(a);
    const sig = storySignature(a.text);
    doc.events.forEach((e, i) => {
      recs.push(
        mentionRecordOf(`${a.id}:${i}`, { articleId: a.id ?? '', outlet: a.outlet ?? null, url: a.url ?? null, published: a.published ?? null, storyHash: sig.hash, storySig: sig.minhash }, e),
      );
    });
  }
  return recs;
}

export function planDemo(): { mentions: MentionRecord[]; result: DedupeResult } {
  const mentions = records(PLAN_DEMO);
  return { mentions, result: clusterMentions(mentions) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { mentions, result } = planDemo();
  for (const m of mentions) process.stdout.write(`${m.key}\t${m.code}\t${m.sourceCode}→${m.targetCode}\t${m.modality}\t${m.date}\t${m.sentence.slice(0, 70)}\n`);
  for (const c of result.clusters) process.stdout.write(`${c.id}\t${c.code}\t${c.status}\t${c.mentionKeys.join(',')}\tlinks=${JSON.stringify(c.links)}\n`);
}
