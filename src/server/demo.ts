/**
 * The demo store: the bundled examples (examples/articles.jsonl) and, when ../shared/corpora/wikinews
 * exists next to the package, those Wikinews articles (CC BY 2.5; outlet and URL kept so the
 * dashboard credits them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../document.js';
import { packageRoot } from '../dictionaries/load.js';
import type { Store } from '../store/types.js';
import { defaultIngest, type Ingester } from './app.js';

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

/** Ingest the demo articles into `store`; returns how many articles of each source were stored. */
export function loadDemo(store: Store, opts: { shared?: string | null; ingest?: Ingester; log?: (s: string) => void } = {}): { name: string; articles: number; events: number }[] {
  const ingest = opts.ingest ?? defaultIngest;
  const report: { name: string; articles: number; events: number }[] = [];
  for (const src of demoSources(opts.shared)) {
    let n = 0, ev = 0;
    for (const a of readJsonl(src.file)) {
      try {
        const r = ingest(store, a);
        if (!r.duplicate) n++;
        ev += r.events;
      } catch (e) {
        store.recordError(`${src.file}#${a.id ?? ''}`, (e as Error).message);
      }
    }
    report.push({ name: src.name, articles: n, events: ev });
    opts.log?.(`demo: ${src.name}: ${n} articles, ${ev} events`);
  }
  store.dedupe();
  return report;
}
