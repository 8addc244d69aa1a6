/**
 * Inputs → a stream of items to code: files (plain text, HTML, JSONL/JSON, RSS/Atom, WARC, any of
 * them gzipped), directories (recursively, sorted, hidden entries skipped) and http(s) URLs
 * (fetched under the rules of fetch.ts; feeds follow an item's link when it carries only a summary).
 * Every problem becomes an `error` item naming its file (and line) so the run goes on.
 */
import { createReadStream, openSync, readSync, closeSync, readdirSync, statSync } from 'node:fs';
import { createGunzip, gunzipSync } from 'node:zlib';
import { createInterface } from 'node:readline';
import { join, basename } from 'node:path';
import type { Readable } from 'node:stream';
import type { Article } from '../document.js';
import type { Job } from '../workers/job.js';
import { looksLikeFeed, parseFeed, type Feed } from './feed.js';
import { decodeText, safeFetch, type FetchOptions } from './fetch.js';
import { parseHttpResponse, readWarc } from './warc.js';

export type Item =
  | { kind: 'job'; source: string; job: Omit<Job, 'seq'>; html?: string | null }
  | { kind: 'error'; source: string; reason: string }
  | { kind: 'duplicate'; source: string };

export interface SourceContext {
  fetch: FetchOptions;
  /** Known already? (skips fetching) */
  known(url: string): boolean;
  /** Bytes of local input read so far (for progress). */
  bytesRead: number;
  /** Largest local file read whole (HTML, feed, text), bytes. */
  maxFileBytes: number;
}

type Kind = 'jsonl' | 'json' | 'warc' | 'feed' | 'html' | 'text';

/** Sum of sizes of the local files among the inputs (for progress); URLs count 0. */
export function inputBytes(inputs: string[]): number {
  let n = 0;
  const walk = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const e of readdirSync(p)) if (!e.startsWith('.')) walk(join(p, e));
    } else if (st.isFile()) n += st.size;
  };
  for (const i of inputs) if (!/^https?:\/\//i.test(i) && i !== '-') walk(i);
  return n;
}

function kindByName(name: string): Kind | null {
  const n = name.toLowerCase().replace(/\.(gz|gzip)$/, '');
  if (/\.(jsonl|ndjson|jsonlines)$/.test(n)) return 'jsonl';
  if (/\.json$/.test(n)) return 'json';
  if (/\.(warc|arc)$/.test(n)) return 'warc';
  if (/\.(rss|atom)$/.test(n)) return 'feed';
  if (/\.(html?|xhtml)$/.test(n)) return 'html';
  if (/\.(txt|text|md)$/.test(n)) return 'text';
  return null;
}

function sniff(head: string): Kind {
  const h = head.replace(/^\uFEFF/, '').trimStart();
  if (h.startsWith('WARC/')) return 'warc';
  if (h.startsWith('{')) return 'jsonl';
  if (h.startsWith('[')) return 'json';
  if (h.startsWith('<')) return looksLikeFeed(h) ? 'feed' : 'html';
  return 'text';
}

function isGzip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(2);
    const n = readSync(fd, b, 0, 2, 0);
    return n === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** A decoded byte stream of the file (gunzipped when needed), counting raw bytes into ctx. */
function open(path: string, gz: boolean, ctx: SourceContext): Readable {
  const raw = createReadStream(path);
  raw.on('data', (c) => {
    ctx.bytesRead += (c as Buffer).length;
  });
  if (!gz) return raw;
  const g = createGunzip();
  raw.on('error', (e) => g.destroy(e));
  return raw.pipe(g);
}

async function readAll(s: Readable, max: number, path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of s) {
    n += (c as Buffer).length;
    if (n > max) {
      s.destroy();
      throw new Error(`${path}: larger than ${max} bytes; split it or use JSONL/WARC`);
    }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

function headOf(path: string, gz: boolean): string {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(gz ? 65536 : 8192);
    const n = readSync(fd, b, 0, b.length, 0);
    if (!gz) return b.subarray(0, n).toString('utf8');
    try {
      return gunzipSync(b.subarray(0, n), { finishFlush: 2 /* Z_SYNC_FLUSH */ }).subarray(0, 8192).toString('utf8');
    } catch {
      return '';
    }
  } finally {
    closeSync(fd);
  }
}

const reason = (e: unknown) => ((e as Error).message ?? String(e)).replace(/^dyad: /, '');

const FIELDS = ['id', 'title', 'url', 'outlet', 'published', 'html', 'language'] as const;

/** Check an article object (same rules as code()'s checkArticle, without loading the pipeline). */
function checkArticle(v: unknown): Article {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('an article must be an object with a "text" field');
  const o = v as Record<string, unknown>;
  if (typeof o.text !== 'string') throw new Error('article "text" must be a string');
  const out: Record<string, unknown> = { ...o };
  for (const k of FIELDS) {
    const x = o[k];
    if (x === undefined || x === null) delete out[k];
    else if (k === 'id' && typeof x === 'number') out.id = String(x);
    else if (typeof x !== 'string') throw new Error(`article "${k}" must be a string`);
  }
  return out as unknown as Article;
}

/** One article object (JSONL line, JSON element) → an item. */
function fromObject(obj: unknown, source: string, fallbackId: string): Item {
  let a: Article;
  try {
    const o = obj as Record<string, unknown>;
    if (o && typeof o === 'object' && !Array.isArray(o) && o.text === undefined && typeof o.html === 'string') a = checkArticle({ ...o, text: '' });
    else a = checkArticle(obj);
  } catch (e) {
    return { kind: 'error', source, reason: reason(e) };
  }
  const provenance: Record<string, string> = {};
  for (const f of ['title', 'published', 'outlet', 'url', 'language', 'id'] as const) if (a[f]) provenance[f] = 'input';
  if (!a.id) a.id = fallbackId;
  const html = a.html ?? null;
  if (a.text.trim()) provenance.text = 'input';
  return { kind: 'job', source, html, job: { article: a, mode: html && !a.text.trim() ? 'page' : 'text', html, url: a.url ?? null, provenance } };
}

async function* fromJsonl(path: string, gz: boolean, ctx: SourceContext): AsyncGenerator<Item> {
  const rl = createInterface({ input: open(path, gz, ctx), crlfDelay: Infinity });
  let line = 0;
  for await (const raw of rl) {
    line++;
    if (!raw.trim()) continue;
    const source = `${path}:${line}`;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (e) {
      yield { kind: 'error', source, reason: `not valid JSON (${reason(e)})` };
      continue;
    }
    yield fromObject(obj, source, source);
  }
}

/** Feed items whose links are fetched at once (the items are still yielded in feed order). */
const FETCH_AHEAD = 4;

async function collectAll(g: AsyncGenerator<Item>): Promise<Item[]> {
  const out: Item[] = [];
  for await (const x of g) out.push(x);
  return out;
}

function feedItems(feed: Feed, source: string, ctx: SourceContext): AsyncGenerator<Item> {
  const plain = (h: string | null) => (h ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  const tasks = feed.items.map((it, k) => async (): Promise<Item[]> => {
    const src = `${source}#${k + 1}${it.link ? ` (${it.link})` : ''}`;
    const hints = { title: it.title ?? undefined, published: it.published ?? undefined, outlet: feed.title ?? undefined };
    const hintProvenance = { title: `${feed.kind} item title`, published: `${feed.kind} item date`, outlet: `${feed.kind} channel title` };
    const base: Article = { text: '', id: it.id ?? it.link ?? src, url: it.link ?? undefined };
    // Full text: a content element (content:encoded, Atom content) of some length, or a long description.
    const content = it.content && plain(it.content).length >= 250 ? it.content : plain(it.summary).length >= 1000 ? it.summary : null;
    if (content)
      return [{ kind: 'job', source: src, job: { article: base, mode: 'fragment', html: content, hints, hintProvenance, provenance: { text: `${feed.kind} item ${content === it.content ? 'content' : 'description'}` } } }];
    if (it.link && /^https?:\/\//i.test(it.link)) {
      if (ctx.known(it.link)) return [{ kind: 'duplicate', source: src }];
      return collectAll(fromUrl(it.link, ctx, { hints, hintProvenance, source: src, id: base.id }));
    }
    const summary = it.content || it.summary || '';
    if (summary.trim())
      return [{ kind: 'job', source: src, job: { article: base, mode: 'fragment', html: summary, hints, hintProvenance, provenance: { text: `${feed.kind} item summary (no link to follow)` } } }];
    return [{ kind: 'error', source: src, reason: 'feed item has no content, summary or link' }];
  });
  return (async function* () {
    const started: Promise<Item[]>[] = [];
    for (let k = 0; k < tasks.length; k++) {
      while (started.length < Math.min(tasks.length, k + FETCH_AHEAD)) {
        const n = started.length;
        started.push(tasks[n]().catch((e: unknown): Item[] => [{ kind: 'error', source: `${source}#${n + 1}`, reason: reason(e) }]));
      }
      yield* await started[k];
    }
  })();
}

async function* fromWarc(path: string, gz: boolean, ctx: SourceContext): AsyncGenerator<Item> {
  let n = 0;
  try {
    for await (const rec of readWarc(open(path, gz, ctx))) {
      n++;
      if (rec.type !== 'response' && rec.type !== 'resource') continue;
      const uri = rec.targetUri;
      const source = `${path}#${n}${uri ? ` (${uri})` : ''}`;
      let html: string;
      let ctype: string;
      try {
        if (rec.type === 'response') {
          const r = parseHttpResponse(rec.block);
          if (r.status < 200 || r.status >= 300) continue;
          ctype = r.headers['content-type'] ?? '';
          html = decodeText(r.body, ctype);
        } else {
          ctype = rec.headers['content-type'] ?? '';
          html = decodeText(rec.block, ctype);
        }
      } catch (e) {
        yield { kind: 'error', source, reason: reason(e) };
        continue;
      }
      if (ctype && !/html|xml/i.test(ctype)) continue;
      if (uri && ctx.known(uri)) {
        yield { kind: 'duplicate', source };
        continue;
      }
      yield {
        kind: 'job',
        source,
        html,
        job: {
          article: { text: '', id: rec.headers['warc-record-id'] ?? uri ?? source, url: uri ?? undefined },
          mode: 'page',
          html,
          url: uri,
          hints: { published: rec.date ?? undefined },
          hintProvenance: { published: 'WARC-Date (crawl time)' },
          provenance: uri ? { url: 'WARC-Target-URI' } : {},
        },
      };
    }
  } catch (e) {
    yield { kind: 'error', source: `${path}#${n + 1}`, reason: reason(e) };
  }
}

async function* fromFile(path: string, ctx: SourceContext): AsyncGenerator<Item> {
  let gz: boolean;
  try {
    gz = isGzip(path);
  } catch (e) {
    yield { kind: 'error', source: path, reason: `cannot read (${reason(e)})` };
    return;
  }
  const kind = kindByName(basename(path)) ?? sniff(headOf(path, gz));
  try {
    if (kind === 'jsonl') return yield* fromJsonl(path, gz, ctx);
    if (kind === 'warc') return yield* fromWarc(path, gz, ctx);
    const buf = await readAll(open(path, gz, ctx), ctx.maxFileBytes, path);
    const text = decodeText(buf, '');
    if (kind === 'json') {
      let v: unknown;
      try {
        v = JSON.parse(text);
      } catch (e) {
        // A .json file may really be JSONL.
        let line = 0;
        for (const l of text.split('\n')) {
          line++;
          if (!l.trim()) continue;
          try {
            yield fromObject(JSON.parse(l), `${path}:${line}`, `${path}:${line}`);
          } catch (e2) {
            yield { kind: 'error', source: `${path}:${line}`, reason: `not valid JSON (${reason(e2)})` };
          }
        }
        void e;
        return;
      }
      const list = Array.isArray(v) ? v : [v];
      let i = 0;
      for (const o of list) {
        i++;
        yield fromObject(o, `${path}[${i}]`, `${path}[${i}]`);
      }
      return;
    }
    if (kind === 'feed') {
      let feed: Feed;
      try {
        feed = parseFeed(text);
      } catch (e) {
        yield { kind: 'error', source: path, reason: reason(e) };
        return;
      }
      return yield* feedItems(feed, path, ctx);
    }
    if (kind === 'html') {
      yield { kind: 'job', source: path, html: text, job: { article: { text: '', id: path }, mode: 'page', html: text, url: null, provenance: { id: 'file path' } } };
      return;
    }
    yield { kind: 'job', source: path, job: { article: { text, id: path }, mode: 'text', provenance: { text: 'file', id: 'file path' } } };
  } catch (e) {
    yield { kind: 'error', source: path, reason: reason(e).replace(`${path}: `, '') };
  }
}

async function* fromUrl(
  url: string,
  ctx: SourceContext,
  extra: { hints?: Job['hints']; hintProvenance?: Record<string, string>; source?: string; id?: string } = {},
): AsyncGenerator<Item> {
  const source = extra.source ?? url;
  let r;
  try {
    r = await safeFetch(url, ctx.fetch);
  } catch (e) {
    yield { kind: 'error', source, reason: reason(e) };
    return;
  }
  const text = decodeText(r.body, r.contentType);
  const ct = r.contentType.toLowerCase();
  if (/(rss|atom)\+xml|\/xml/.test(ct) || (!/html/.test(ct) && looksLikeFeed(text))) {
    if (extra.hints) {
      // A feed item's link that is itself a feed: do not recurse.
      yield { kind: 'error', source, reason: 'feed item link points to another feed' };
      return;
    }
    let feed: Feed;
    try {
      feed = parseFeed(text);
    } catch (e) {
      yield { kind: 'error', source, reason: reason(e) };
      return;
    }
    yield* feedItems(feed, r.url, ctx);
    return;
  }
  if (/json/.test(ct)) {
    let line = 0;
    for (const l of text.split('\n')) {
      line++;
      if (!l.trim()) continue;
      try {
        yield fromObject(JSON.parse(l), `${source}:${line}`, `${r.url}:${line}`);
      } catch (e) {
        yield { kind: 'error', source: `${source}:${line}`, reason: `not valid JSON (${reason(e)})` };
      }
    }
    return;
  }
  const article: Article = { text: '', id: extra.id ?? r.url, url: r.url };
  const provenance: Record<string, string> = { url: r.chain.length > 1 ? `fetched (redirected from ${url})` : 'fetched' };
  if (/html|xml/.test(ct) || (!ct && text.trimStart().startsWith('<'))) {
    yield { kind: 'job', source, html: text, job: { article, mode: 'page', html: text, url: r.url, hints: extra.hints, hintProvenance: extra.hintProvenance, provenance } };
    return;
  }
  if (/^text\//.test(ct) || !ct) {
    yield { kind: 'job', source, job: { article: { ...article, text }, mode: 'text', hints: extra.hints, hintProvenance: extra.hintProvenance, provenance: { ...provenance, text: 'fetched text' } } };
    return;
  }
  yield { kind: 'error', source, reason: `unsupported content type ${r.contentType}` };
}

function* walk(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

/** Every item of every input, in order. */
export async function* expand(inputs: string[], ctx: SourceContext): AsyncGenerator<Item> {
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) {
      if (ctx.known(input)) yield { kind: 'duplicate', source: input };
      else yield* fromUrl(input, ctx);
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
      yield { kind: 'error', source: input, reason: 'only http and https URLs can be fetched' };
      continue;
    }
    let st;
    try {
      st = statSync(input);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      yield { kind: 'error', source: input, reason: code === 'ENOENT' ? 'no such file or directory' : `cannot read (${reason(e)})` };
      continue;
    }
    if (st.isDirectory()) {
      for (const f of walk(input)) yield* fromFile(f, ctx);
    } else yield* fromFile(input, ctx);
  }
}
