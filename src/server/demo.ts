/**
 * The demo store: the bundled examples (examples/articles.jsonl) and, when ../shared/corpora/wikinews
 * exists next to the package, those Wikinews articles (CC BY 2.5; outlet and URL kept so the
 * dashboard credits them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { ingest } from '../ingest/index.js';
import { join } from 'node:path';
import type { Article } from '../document.js';
import { packageRoot } from '../dictionaries/load.js';
import type { Store } from '../store/types.js';

export function readJsonl(file: string): Article[] {
  const out: Article[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const a = JSON.parse(line) as Article;
      if (a && typeof a.text === 'string') out.push(a);
    } catch {
      /* a broken line in a demo file is skipped */
    }
  }
  return out;
}

export function demoSources(shared: string | null = process.env.DYAD_SHARED ?? join(packageRoot(), '..', 'shared')): { name: string; file: string }[] {
  const list = [{ name: 'bundled examples', file: join(packageRoot(), 'examples', 'articles.jsonl') }];
  const wiki = shared ? join(shared, 'corpora', 'wikinews', 'articles.jsonl') : null;
  if (wiki && existsSync(wiki)) list.push({ name: 'Wikinews (CC BY 2.5, en.wikinews.org)', file: wiki });
  return list;
}

/**
 * Ingest the demo articles into `store` with the ingest library (coding on worker threads), then
 * recompute the event clusters. Returns what each source added.
 */
export async function loadDemo(
  store: Store,
  opts: { shared?: string | null; workers?: number; log?: (s: string) => void } = {},
): Promise<{ name: string; articles: number; duplicates: number; failed: number }[]> {
  const report: { name: string; articles: number; duplicates: number; failed: number }[] = [];
  for (const src of demoSources(opts.shared)) {
    const r = await ingest([src.file], { store, ...(opts.workers !== undefined ? { workers: opts.workers } : {}) });
    report.push({ name: src.name, articles: r.stored, duplicates: r.duplicates, failed: r.failed });
    opts.log?.(`demo: ${src.name}: ${r.stored} articles stored${r.failed ? `, ${r.failed} failed` : ''} (${(r.elapsedMs / 1000).toFixed(1)} s)`);
  }
  const d = store.dedupe();
  opts.log?.(`demo: ${d.mentions} event mentions in ${d.events} events`);
  return report;
}
