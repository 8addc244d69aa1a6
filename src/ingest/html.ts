/**
 * HTML page → article: the body through Mozilla Readability (over linkedom's DOM), metadata from
 * the page's own declarations, and a record of where each field came from (`provenance`).
 */
import { createRequire } from 'node:module';
import type { parseHTML as ParseHTML } from 'linkedom';
import type { Readability as ReadabilityClass } from '@mozilla/readability';

// Loaded on first use: a store-only or JSONL-only run does not pay for the DOM.
const require = createRequire(import.meta.url);
let dom: { parseHTML: typeof ParseHTML; Readability: typeof ReadabilityClass } | null = null;
function lib(): NonNullable<typeof dom> {
  return (dom ??= {
    parseHTML: (require('linkedom') as { parseHTML: typeof ParseHTML }).parseHTML,
    Readability: (require('@mozilla/readability') as { Readability: typeof ReadabilityClass }).Readability,
  });
}

/** Parse HTML into a linkedom document. */
export function parseHtml(html: string): ReturnType<typeof ParseHTML> {
  return lib().parseHTML(html);
}

export interface Extracted {
  text: string;
  title: string | null;
  byline: string | null;
  published: string | null;
  outlet: string | null;
  canonicalUrl: string | null;
  language: string | null;
  provenance: Record<string, string>;
}

type El = { getAttribute(n: string): string | null; textContent: string | null };
type DocLike = { querySelector(s: string): El | null; querySelectorAll(s: string): ArrayLike<El>; documentElement: El | null };

const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd',
  'blockquote', 'pre', 'table', 'tr', 'td', 'th', 'figcaption', 'hr', 'address',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'button', 'nav', 'form', 'iframe', 'figure', 'picture', 'img', 'video', 'audio', 'select']);

/** Text of an element tree: paragraphs separated by a blank line, whitespace collapsed inside them. */
export function blockText(root: unknown): string {
  const paras: string[] = [];
  let cur = '';
  const flush = () => {
    const t = cur.replace(/[ \t\r\n\u00a0]+/g, ' ').trim();
    if (t) paras.push(t);
    cur = '';
  };
  const walk = (node: { nodeType: number; nodeName: string; childNodes?: ArrayLike<unknown>; data?: string }) => {
    if (node.nodeType === 3) {
      cur += node.data ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.nodeName.toLowerCase();
    if (SKIP.has(tag)) return;
    if (tag === 'br') {
      cur += '\n';
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    const kids = node.childNodes;
    if (kids) for (let i = 0; i < kids.length; i++) walk(kids[i] as typeof node);
    if (block) flush();
  };
  walk(root as Parameters<typeof walk>[0]);
  flush();
  return paras.join('\n\n');
}

function meta(doc: DocLike, sel: string): string | null {
  const v = doc.querySelector(sel)?.getAttribute('content');
  return v && v.trim() ? v.trim() : null;
}

/** Objects from JSON-LD blocks (flattening @graph and arrays). */
function jsonLd(doc: DocLike): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    try {
      const v = JSON.parse(scripts[i].textContent ?? '') as unknown;
      const push = (x: unknown) => {
        if (Array.isArray(x)) x.forEach(push);
        else if (x && typeof x === 'object') {
          out.push(x as Record<string, unknown>);
          const g = (x as Record<string, unknown>)['@graph'];
          if (g) push(g);
        }
      };
      push(v);
    } catch {
      /* malformed JSON-LD is common: ignore */
    }
  }
  return out;
}

const ARTICLE_TYPES = /Article|Posting|Report|BlogPosting|NewsArticle/i;

function ldString(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (Array.isArray(v)) return ldString(v[0]);
  if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') return ((v as { name: string }).name).trim() || null;
  return null;
}

function cleanDate(v: string | null): string | null {
  if (!v) return null;
  const s = v.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) return s;
  const t = Date.parse(s);
  if (!Number.isNaN(t) && /\d{4}/.test(s)) return new Date(t).toISOString();
  if (/^\d{8}$/.test(s)) return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  return null;
}

function resolveUrl(href: string | null, base: string | null | undefined): string | null {
  if (!href) return null;
  try {
    return new URL(href.trim(), base ?? undefined).toString();
  } catch {
    return null;
  }
}

/** Extract the article from an HTML page. `url` is the page's address (resolves relative links). */
export function extractHtml(html: string, url?: string | null): Extracted {
  const { parseHTML, Readability } = lib();
  const { document } = parseHTML(html.includes('<html') || html.includes('<HTML') ? html : `<!doctype html><html><head></head><body>${html}</body></html>`);
  const doc = document as unknown as DocLike;
  const provenance: Record<string, string> = {};
  const ld = jsonLd(doc);
  const art = ld.find((o) => ARTICLE_TYPES.test(String(o['@type'] ?? ''))) ?? ld.find((o) => 'datePublished' in o || 'headline' in o) ?? null;

  const pick = <T>(field: string, cands: [string, () => T | null][]): T | null => {
    for (const [where, f] of cands) {
      let v: T | null = null;
      try {
        v = f();
      } catch {
        v = null;
      }
      if (v !== null && v !== undefined && v !== '') {
        provenance[field] = where;
        return v;
      }
    }
    return null;
  };

  const published = pick('published', [
    ['meta[property=article:published_time]', () => cleanDate(meta(doc, 'meta[property="article:published_time"]'))],
    ['meta[name=article:published_time]', () => cleanDate(meta(doc, 'meta[name="article:published_time"]'))],
    ['json-ld datePublished', () => cleanDate(art ? ldString(art.datePublished) : null)],
    ['meta[itemprop=datePublished]', () => cleanDate(meta(doc, '[itemprop="datePublished"]') ?? doc.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime') ?? null)],
    ['meta[name=pubdate]', () => cleanDate(meta(doc, 'meta[name="pubdate"]') ?? meta(doc, 'meta[name="publishdate"]') ?? meta(doc, 'meta[name="publish-date"]'))],
    ['meta[name=date]', () => cleanDate(meta(doc, 'meta[name="date"]') ?? meta(doc, 'meta[name="DC.date.issued"]') ?? meta(doc, 'meta[name="dc.date"]') ?? meta(doc, 'meta[name="sailthru.date"]') ?? meta(doc, 'meta[name="parsely-pub-date"]'))],
    ['meta[property=og:published_time]', () => cleanDate(meta(doc, 'meta[property="og:published_time"]'))],
    ['<time datetime>', () => cleanDate(doc.querySelector('article time[datetime]')?.getAttribute('datetime') ?? doc.querySelector('time[datetime]')?.getAttribute('datetime') ?? null)],
  ]);
  let title = pick('title', [
    ['meta[property=og:title]', () => meta(doc, 'meta[property="og:title"]')],
    ['json-ld headline', () => (art ? ldString(art.headline) : null)],
    ['meta[name=twitter:title]', () => meta(doc, 'meta[name="twitter:title"]')],
  ]);
  let byline = pick('byline', [
    ['meta[name=author]', () => meta(doc, 'meta[name="author"]')],
    ['json-ld author', () => (art ? ldString(art.author) : null)],
    ['meta[property=article:author]', () => {
      const v = meta(doc, 'meta[property="article:author"]');
      return v && !/^https?:/.test(v) ? v : null;
    }],
  ]);
  const outlet = pick('outlet', [
    ['meta[property=og:site_name]', () => meta(doc, 'meta[property="og:site_name"]')],
    ['json-ld publisher', () => (art ? ldString(art.publisher) : null)],
    ['meta[name=application-name]', () => meta(doc, 'meta[name="application-name"]')],
  ]);
  const canonical = pick('canonicalUrl', [
    ['link[rel=canonical]', () => resolveUrl(doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null, url)],
    ['meta[property=og:url]', () => resolveUrl(meta(doc, 'meta[property="og:url"]'), url)],
  ]);
  const language = pick('language', [
    ['html[lang]', () => doc.documentElement?.getAttribute('lang')?.trim() || null],
    ['meta[http-equiv=content-language]', () => meta(doc, 'meta[http-equiv="content-language"]')],
  ]);
  const pageTitle = doc.querySelector('title')?.textContent?.trim() || null;

  // Readability mutates the DOM, so it runs after the metadata is read.
  let text = '';
  let parsed: ReturnType<ReadabilityClass['parse']> = null;
  try {
    parsed = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
  } catch {
    parsed = null;
  }
  if (parsed?.content) {
    const { document: inner } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
    text = blockText(inner.body);
    provenance.text = 'readability';
  }
  if (!text) {
    const { document: again } = parseHTML(html);
    text = blockText(again.body ?? again);
    provenance.text = 'body text (readability found no article)';
  }
  if (!title && parsed?.title) {
    title = parsed.title.trim();
    provenance.title = 'readability title';
  }
  if (!title && pageTitle) {
    title = pageTitle;
    provenance.title = '<title>';
  }
  if (!byline && parsed?.byline) {
    byline = parsed.byline.trim();
    provenance.byline = 'readability byline';
  }
  let pub = published;
  if (!pub && parsed?.publishedTime) {
    pub = cleanDate(parsed.publishedTime);
    if (pub) provenance.published = 'readability publishedTime';
  }
  let site = outlet;
  if (!site && parsed?.siteName) {
    site = parsed.siteName.trim();
    provenance.outlet = 'readability siteName';
  }
  if (!site && url) {
    try {
      site = new URL(url).hostname.replace(/^www\./, '');
      provenance.outlet = 'url host';
    } catch {
      /* no outlet */
    }
  }
  return { text, title, byline, published: pub, outlet: site, canonicalUrl: canonical, language, provenance };
}
