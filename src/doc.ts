/**
 * A fresh working document. Kept apart from code.ts so that tests, evaluations and tools can run
 * single stages without loading the whole pipeline.
 */
import type { Article, Doc } from './document.js';

export function newDoc(article: Article, text: string, published: string | null): Doc {
  const counters = new Map<string, number>();
  return {
    article,
    text,
    published,
    meta: {
      id: article.id ?? null,
      title: article.title ?? null,
      published,
      url: article.url ?? null,
      outlet: article.outlet ?? null,
      wire: [],
    },
    sentences: [],
    tokens: [],
    actors: new Map(),
    mentions: [],
    times: [],
    places: [],
    quotes: [],
    events: [],
    warnings: [],
    scratch: {},
    nextId(prefix: string): string {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}${n}`;
    },
  };
}
