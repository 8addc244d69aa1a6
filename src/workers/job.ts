/**
 * One unit of ingest work, done in a worker thread (or inline): extract the article from HTML when
 * needed, settle its metadata (with provenance), and code it. Pure apart from the pipeline's own
 * data loading; the main thread owns the store.
 */
import type { Article, CodedDocument } from '../document.js';
import { isUserError } from '../errors.js';
import { normalizeDate } from '../normalize.js';
import { blockText, extractHtml, parseHtml } from '../ingest/html.js';
import { storySignature } from '../dedupe/index.js';

export type Coder = (article: Article) => CodedDocument;

export interface Job {
  seq: number;
  /** What the caller states (JSONL fields, file name): wins over anything extracted. `text` may be empty. */
  article: Article;
  /** `text`: article.text as is; `page`: extract from a whole HTML page; `fragment`: HTML fragment (feed content). */
  mode: 'text' | 'page' | 'fragment';
  html?: string | null;
  /** Address of the page (resolves relative links). */
  url?: string | null;
  /** Fallback metadata (feed item, WARC headers), used only where neither the caller nor the page says. */
  hints?: Partial<Pick<Article, 'title' | 'published' | 'outlet' | 'language'>>;
  /** Where the caller's fields came from. */
  provenance: Record<string, string>;
  /** Where each hint came from (used when the hint is). */
  hintProvenance?: Record<string, string>;
}

export type JobResult =
  | { seq: number; ok: true; article: Article; provenance: Record<string, string>; canonicalUrl: string | null; json: string; storySig: number[] | null }
  | { seq: number; ok: false; reason: string };

const FIELDS = ['title', 'published', 'outlet', 'language'] as const;

/** Run one job with `coder` (the pipeline's code(), loaded by the caller so this module stays light). */
export function runJob(job: Job, coder: Coder): JobResult {
  try {
    const a: Article = { ...job.article };
    delete a.html;
    const prov: Record<string, string> = { ...job.provenance };
    let canonicalUrl: string | null = null;
    if (job.html && job.mode === 'fragment' && !a.text?.trim()) {
      const { document } = parseHtml(`<!doctype html><html><body>${job.html}</body></html>`);
      a.text = blockText(document.body);
    } else if (job.html && job.mode === 'page') {
      const ex = extractHtml(job.html, job.url ?? a.url ?? null);
      if (!a.text?.trim()) {
        a.text = ex.text;
        prov.text = ex.provenance.text ?? 'html';
      }
      for (const f of FIELDS) {
        const v = ex[f];
        if ((a[f] === undefined || a[f] === null || a[f] === '') && v) {
          a[f] = v;
          if (ex.provenance[f]) prov[f] = ex.provenance[f];
        }
      }
      if (ex.byline) {
        prov.byline = ex.byline;
        if (ex.provenance.byline) prov['byline.from'] = ex.provenance.byline;
      }
      canonicalUrl = ex.canonicalUrl;
      if (canonicalUrl && ex.provenance.canonicalUrl) prov.canonicalUrl = ex.provenance.canonicalUrl;
    }
    if (job.hints) {
      for (const f of FIELDS) {
        const v = job.hints[f];
        if ((a[f] === undefined || a[f] === null || a[f] === '') && v) {
          a[f] = v;
          prov[f] = job.hintProvenance?.[f] ?? 'hint';
        }
      }
    }
    if (typeof a.text !== 'string' || !a.text.trim()) return { seq: job.seq, ok: false, reason: 'no article text found' };
    if (a.published !== undefined && a.published !== null) {
      try {
        const d = normalizeDate(a.published);
        if (!d) delete a.published;
      } catch {
        prov['published.invalid'] = String(a.published);
        delete a.published;
        delete prov.published;
      }
    }
    for (const f of ['title', 'outlet', 'url', 'id', 'language'] as const) if (a[f] === null || a[f] === '') delete a[f];
    const doc = coder(a);
    // The near-reprint signature dedupe needs, computed here rather than on the single writer thread.
    const storySig = doc.events.length ? storySignature(a.text).minhash : null;
    return { seq: job.seq, ok: true, article: a, provenance: prov, canonicalUrl, json: JSON.stringify(doc), storySig };
  } catch (e) {
    const msg = isUserError(e) ? (e as Error).message.replace(/^dyad: /, '') : `internal error while coding: ${(e as Error).message}`;
    return { seq: job.seq, ok: false, reason: msg };
  }
}
