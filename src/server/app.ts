/**
 * The HTTP API (under /api/v1) and the static dashboard, over any `Store`.
 *
 * Reads are open unless the server is private; writes (POST /articles) need the bearer token, and
 * are refused outright when no token is configured. POST /code stores nothing and counts as a read.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Article, CodedDocument, CodeOptions } from '../document.js';
import { code as codeArticle, checkArticle } from '../code.js';
import { isUserError } from '../errors.js';
import { normalizeDate } from '../normalize.js';
import { VERSION } from '../version.js';
import type { Store } from '../store/types.js';
import { CAPTURE, HttpError, bad, parseJsonBody, readBody, sendError, sendJson, send } from './http.js';
import { FILTER_PARAMS, PAGE_PARAMS, bool, checkParams, eventFilter, int, oneOf, paging, text, type Format, type Query } from './params.js';
import { pick, toCsv, toGeoJson } from './formats.js';
import { openApiDocument } from './openapi.js';
import { serveStatic } from './static.js';

export const EVENT_FIELDS = [
  'id', 'cluster', 'articleId', 'date', 'datePrecision', 'code', 'root', 'name', 'quad', 'goldstein', 'plover',
  'sourceName', 'sourceCode', 'sourceCountry', 'targetName', 'targetCode', 'targetCountry', 'modality',
  'placeName', 'placeCountry', 'lat', 'lon', 'sentence', 'evidenceStart', 'evidenceEnd', 'rule', 'confidence',
  'quoteId', 'mentions', 'sources', 'articles', 'firstSeen', 'lastSeen', 'outlet', 'url',
] as const;
export const ACTOR_FIELDS = ['code', 'name', 'country', 'kind', 'mentions', 'events', 'articles'] as const;
export const QUOTE_FIELDS = ['id', 'articleId', 'kind', 'text', 'start', 'end', 'speakerName', 'speakerCode', 'cue', 'medium', 'published', 'outlet'] as const;
export const SEARCH_FIELDS = ['kind', 'id', 'articleId', 'title', 'snippet'] as const;
export const ARTICLE_FIELDS = ['id', 'externalId', 'title', 'outlet', 'published', 'url', 'canonicalUrl', 'events', 'quotes', 'copies', 'ingestedAt'] as const;
export const TIMELINE_FIELDS = ['period', 'quad1', 'quad2', 'quad3', 'quad4', 'goldstein', 'count'] as const;
export const NETWORK_FIELDS = ['source', 'target', 'count', 'meanGoldstein'] as const;

/** Largest request body accepted (bytes). */
export const DEFAULT_MAX_BODY = 2 * 1024 * 1024;
/** Most articles accepted by one POST /articles. */
export const MAX_BATCH = 500;

/** How POST /articles stores one article; defaults to code() + store.putCoded(). */
export type Ingester = (store: Store, article: Article) => { articleId: string; duplicate: boolean; events: number };

export interface ServerOptions {
  store: Store;
  /** Bearer token for writes (and for reads when `private`). No token: writes are refused. */
  token?: string | null;
  private?: boolean;
  maxBody?: number;
  /** Directory of the dashboard's static files (default: web/ in the package). */
  webRoot?: string;
  ingest?: Ingester;
  /** Log one line per request (method, path, status, ms) to this function. */
  log?: (line: string) => void;
  /**
   * Cache of GET responses (default on: 60 s, 300 entries, bodies up to 1 MB). An entry is dropped
   * after a write through this server, or when the store file (`dbPath`) changes on disk, so a
   * `dyad ingest` running beside the server is seen at once.
   */
  cache?: false | { ttlMs?: number; maxEntries?: number };
  /** The SQLite file behind `store`, watched (by mtime) to invalidate the cache. */
  dbPath?: string;
}

interface Cached {
  at: number;
  stamp: string;
  body: string | Buffer;
  type: string;
  headers: Record<string, string>;
}

export const defaultIngest: Ingester = (store, article) => {
  const doc = codeArticle(article);
  const r = store.putCoded(article, doc);
  return { articleId: r.articleId, duplicate: r.duplicate, events: doc.events.length };
};

function pathId(raw: string): string {
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    throw bad('id is not valid percent-encoding', 'invalid_parameter');
  }
  if (!id || id.length > 300) throw bad('id is empty or too long', 'invalid_parameter');
  return id;
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

export function createApp(opts: ServerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const store = opts.store;
  const token = opts.token ? digest(opts.token) : null;
  const maxBody = opts.maxBody ?? DEFAULT_MAX_BODY;
  const ingest = opts.ingest ?? defaultIngest;
  const cacheOn = opts.cache !== false;
  const cacheOpts = opts.cache || {};
  const ttl = cacheOpts.ttlMs ?? 60_000;
  const maxEntries = cacheOpts.maxEntries ?? 300;
  const cache = new Map<string, Cached>();
  let generation = 0;
  /** What the cached answers depend on: writes through this server and the store file on disk. */
  const stamp = (): string => {
    let s = String(generation);
    if (opts.dbPath)
      for (const f of [opts.dbPath, opts.dbPath + '-wal']) {
        try {
          const st = statSync(f);
          s += `:${st.mtimeMs}:${st.size}`;
        } catch {
          s += ':-';
        }
      }
    return s;
  };

  function authorised(req: IncomingMessage): boolean {
    if (!token) return false;
    const h = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
    if (!m) return false;
    return timingSafeEqual(digest(m[1]!), token);
  }

  function requireRead(req: IncomingMessage): void {
    if (!opts.private) return;
    if (!authorised(req))
      throw new HttpError(401, 'unauthorized', 'this server is private: send "Authorization: Bearer <token>" with the token it was started with', {
        'WWW-Authenticate': 'Bearer realm="dyad"',
      });
  }

  function requireWrite(req: IncomingMessage): void {
    if (!token)
      throw new HttpError(403, 'writes_disabled', 'writes are disabled because no token is configured: start the server with --token <secret> or set DYAD_TOKEN=<secret>, then send "Authorization: Bearer <secret>"');
    if (!authorised(req))
      throw new HttpError(401, 'unauthorized', 'writes need "Authorization: Bearer <token>" with the server\'s token', { 'WWW-Authenticate': 'Bearer realm="dyad"' });
  }

  /** Send a list in the asked format. */
  function sendList(res: ServerResponse, rows: object[], next: string | null, total: number | undefined, p: { fields: string[] | null; format: Format }, allFields: readonly string[], name: string): void {
    const picked = pick(rows, p.fields);
    if (p.format === 'csv') {
      send(res, 200, toCsv(picked, p.fields ?? [...allFields]), 'text/csv; charset=utf-8', {
        'Content-Disposition': `attachment; filename="dyad-${name}.csv"`,
        'Cache-Control': 'no-store',
        ...(next ? { 'X-Next-Cursor': next } : {}),
      });
      return;
    }
    if (p.format === 'geojson') {
      const fc = toGeoJson(picked, rows as unknown as Record<string, unknown>[]);
      send(res, 200, JSON.stringify({ ...fc, next }), 'application/geo+json; charset=utf-8', {
        'Content-Disposition': `attachment; filename="dyad-${name}.geojson"`,
        'Cache-Control': 'no-store',
      });
      return;
    }
    const body: Record<string, unknown> = { rows: picked, next };
    if (total !== undefined) body.total = total;
    sendJson(res, 200, body);
  }

  async function jsonBody(req: IncomingMessage): Promise<unknown> {
    const buf = await readBody(req, maxBody);
    return parseJsonBody(buf, req.headers['content-type']);
  }

  function articleOf(v: unknown, where: string): Article {
    try {
      return checkArticle(v);
    } catch (e) {
      if (isUserError(e)) throw bad(`${where}: ${e.message.replace(/^dyad: /, '')}`, 'invalid_article');
      throw e;
    }
  }

  const routes: { method: string; path: RegExp; handler: (req: IncomingMessage, res: ServerResponse, q: Query, m: RegExpExecArray) => Promise<void> | void }[] = [
    {
      method: 'GET',
      path: /^\/api\/v1\/?$/,
      handler(req, res, q) {
        requireRead(req);
        checkParams(q, []);
        sendJson(res, 200, {
          name: 'dyad',
          version: VERSION,
          openapi: '/api/v1/openapi.json',
          private: !!opts.private,
          writable: !!token,
          counts: store.counts(),
        });
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/openapi\.json$/,
      handler(_req, res, q) {
        checkParams(q, []);
        sendJson(res, 200, openApiDocument(), { 'Cache-Control': 'no-cache' });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/v1\/code$/,
      async handler(req, res, q) {
        requireRead(req);
        checkParams(q, ['published', 'debug']);
        const body = await jsonBody(req);
        const obj = body && typeof body === 'object' && !Array.isArray(body) && 'article' in body ? (body as { article: unknown }).article : body;
        if (Array.isArray(obj)) throw bad('POST /code takes one article object; use POST /articles for many', 'invalid_article');
        const article = articleOf(obj, 'article');
        const options: CodeOptions = {};
        const pub = text(q, 'published');
        if (pub) {
          try {
            options.published = normalizeDate(pub) ?? undefined;
          } catch (e) {
            throw bad((e as Error).message.replace(/^dyad: /, ''), 'invalid_parameter');
          }
        }
        if (bool(q, 'debug')) options.debug = true;
        let doc: CodedDocument;
        try {
          doc = codeArticle(article, options);
        } catch (e) {
          if (isUserError(e)) throw bad(e.message.replace(/^dyad: /, ''), 'invalid_article');
          throw e;
        }
        sendJson(res, 200, doc);
      },
    },
    {
      method: 'POST',
      path: /^\/api\/v1\/articles$/,
      async handler(req, res, q) {
        requireWrite(req);
        checkParams(q, []);
        const body = await jsonBody(req);
        let list: unknown[];
        if (Array.isArray(body)) list = body;
        else if (body && typeof body === 'object' && Array.isArray((body as { articles?: unknown }).articles)) list = (body as { articles: unknown[] }).articles;
        else list = [body];
        if (!list.length) throw bad('no articles in the request body', 'invalid_article');
        if (list.length > MAX_BATCH) throw new HttpError(413, 'batch_too_large', `${list.length} articles in one request; the limit is ${MAX_BATCH}`);
        // Check every article before storing any, so a bad batch stores nothing.
        const articles = list.map((a, i) => articleOf(a, list.length > 1 ? `article ${i}` : 'article'));
        for (const a of articles) {
          if (a.published !== undefined) {
            try {
              normalizeDate(a.published);
            } catch (e) {
              throw bad(`article ${a.id ?? ''}: ${(e as Error).message.replace(/^dyad: /, '')}`.replace(/ :/, ':'), 'invalid_article');
            }
          }
        }
        // One transaction for the batch when the store offers it; putCoded clusters incrementally.
        const all = () => articles.map((a) => ingest(store, a));
        const results = store.batch ? store.batch(all) : all();
        generation++;
        cache.clear();
        const created = results.some((r) => !r.duplicate);
        sendJson(res, created ? 201 : 200, { results, counts: store.counts() });
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/articles$/,
      handler(req, res, q) {
        requireRead(req);
        checkParams(q, ['outlet', 'since', 'until', 'q', ...PAGE_PARAMS]);
        const p = paging(q, ARTICLE_FIELDS, ['json', 'csv']);
        const f = eventFilter(new URLSearchParams([...q].filter(([k]) => k === 'since' || k === 'until')));
        const outlet = text(q, 'outlet');
        const t = text(q, 'q');
        const page = store.articles({ ...(outlet ? { outlet } : {}), ...(f.since ? { since: f.since } : {}), ...(f.until ? { until: f.until } : {}), ...(t ? { text: t } : {}), limit: p.limit, ...(p.cursor ? { cursor: p.cursor } : {}) });
        sendList(res, page.rows, page.next, page.total, p, ARTICLE_FIELDS, 'articles');
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/articles\/([^/]+)$/,
      handler(req, res, q, m) {
        requireRead(req);
        checkParams(q, ['html']);
        const id = pathId(m[1]!);
        const found = store.article(id);
        if (!found) throw new HttpError(404, 'not_found', `no article with id ${JSON.stringify(id)}`);
        const article: Record<string, unknown> = { ...found.article };
        if (!bool(q, 'html')) {
          article.hasHtml = found.article.html !== null && found.article.html !== undefined;
          delete article.html;
        }
        sendJson(res, 200, { article, doc: found.doc });
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/events$/,
      handler(req, res, q) {
        requireRead(req);
        checkParams(q, [...FILTER_PARAMS, ...PAGE_PARAMS, 'mentions']);
        const f = eventFilter(q);
        const p = paging(q, EVENT_FIELDS);
        const mentions = bool(q, 'mentions');
        const page = store.events({ ...f, limit: p.limit, ...(p.cursor ? { cursor: p.cursor } : {}), ...(mentions ? { mentions } : {}) });
        // An export may ask for more rows than the store returns per page: follow its cursors.
        while (p.format !== 'json' && page.next && page.rows.length < p.limit) {
          const more = store.events({ ...f, limit: p.limit - page.rows.length, cursor: page.next, ...(mentions ? { mentions } : {}) });
          if (!more.rows.length) break;
          page.rows.push(...more.rows);
          page.next = more.next;
        }
        sendList(res, page.rows, page.next, page.total, p, EVENT_FIELDS, 'events');
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/events\/([^/]+)$/,
      handler(req, res, q, m) {
        requireRead(req);
        checkParams(q, []);
        const id = pathId(m[1]!);
        const found = store.event(id);
        if (!found) throw new HttpError(404, 'not_found', `no event with id ${JSON.stringify(id)}`);
        sendJson(res, 200, found);
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/actors$/,
      handler(req, res, q) {
        requireRead(req);
        checkParams(q, ['actor', 'q', ...PAGE_PARAMS]);
        const p = paging(q, ACTOR_FIELDS, ['json', 'csv']);
        const actor = text(q, 'actor') ?? text(q, 'q');
        const page = store.actors({ ...(actor ? { actor } : {}), limit: p.limit, ...(p.cursor ? { cursor: p.cursor } : {}) });
        sendList(res, page.rows, page.next, page.total, p, ACTOR_FIELDS, 'actors');
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/quotes$/,
      handler(req, res, q) {
        requireRead(req);
        checkParams(q, ['speaker', 'q', 'text', 'article', ...PAGE_PARAMS]);
        const p = paging(q, QUOTE_FIELDS, ['json', 'csv']);
        const speaker = text(q, 'speaker');
        const t = text(q, 'q') ?? text(q, 'text');
        const article = text(q, 'article');
        const page = store.quotes({
          ...(speaker ? { speaker } : {}),
          ...(t ? { text: t } : {}),
          ...(article ? { articleId: article } : {}),
          limit: p.limit,
          ...(p.cursor ? { cursor: p.cursor } : {}),
        });
        sendList(res, page.rows, page.next, page.total, p, QUOTE_FIELDS, 'quotes');
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/search$/,
      handler(req, res, q) {
        requireRead(req);
        checkParams(q, ['q', ...PAGE_PARAMS]);
        const p = paging(q, SEARCH_FIELDS, ['json', 'csv']);
        const s = text(q, 'q');
        if (!s) throw bad('"q" (the search text) is required', 'missing_parameter');
        const page = store.search(s, { limit: p.limit, ...(p.cursor ? { cursor: p.cursor } : {}) });
        sendList(res, page.rows, page.next, page.total, p, SEARCH_FIELDS, 'search');
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/stats\/timeline$/,
      handler(req, res, q) {
        requireRead(req);
        checkParams(q, [...FILTER_PARAMS, 'bucket', 'format', 'fields']);
        const f = eventFilter(q);
        const bucket = oneOf(q, 'bucket', ['day', 'week', 'month'] as const) ?? 'day';
        const p = paging(q, TIMELINE_FIELDS, ['json', 'csv']);
        const points = store.timeline({ ...f, bucket });
        if (p.format === 'csv') return sendList(res, points, null, undefined, p, TIMELINE_FIELDS, 'timeline');
        sendJson(res, 200, { bucket, points: pick(points, p.fields) });
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/stats\/network$/,
      handler(req, res, q) {
        requireRead(req);
        checkParams(q, [...FILTER_PARAMS, 'by', 'limit', 'format', 'fields']);
        const f = eventFilter(q);
        const by = oneOf(q, 'by', ['code', 'country'] as const) ?? 'code';
        const limit = int(q, 'limit', 1, 5000) ?? 150;
        const p = paging(q, NETWORK_FIELDS, ['json', 'csv']);
        const all = store.network({ ...f, by });
        const edges = [...all].sort((a, b) => b.count - a.count || a.source.localeCompare(b.source) || a.target.localeCompare(b.target)).slice(0, limit);
        if (p.format === 'csv') return sendList(res, edges, null, undefined, p, NETWORK_FIELDS, 'network');
        const nodes = new Map<string, { id: string; count: number; gsum: number }>();
        for (const e of edges) {
          for (const id of [e.source, e.target]) {
            let n = nodes.get(id);
            if (!n) nodes.set(id, (n = { id, count: 0, gsum: 0 }));
            n.count += e.count;
            n.gsum += e.meanGoldstein * e.count;
          }
        }
        sendJson(res, 200, {
          by,
          edges: pick(edges, p.fields),
          totalEdges: all.length,
          nodes: [...nodes.values()].map((n) => ({ id: n.id, count: n.count, meanGoldstein: n.count ? Math.round((n.gsum / n.count) * 100) / 100 : 0 })),
        });
      },
    },
  ];

  return (req, res) => {
    const t0 = performance.now();
    const done = () => opts.log?.(`${req.method} ${req.url} ${res.statusCode} ${(performance.now() - t0).toFixed(1)}ms`);
    res.on('finish', done);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return sendError(res, bad('malformed request URL'));
    }
    const path = url.pathname;
    const handle = async () => {
      if (!path.startsWith('/api/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed here`, { Allow: 'GET, HEAD' });
        return serveStatic(req, res, path, opts.webRoot);
      }
      const matching = routes.filter((r) => r.path.test(path));
      if (!matching.length) throw new HttpError(404, 'not_found', `no API endpoint ${path}; see /api/v1/openapi.json`);
      const method = req.method === 'HEAD' ? 'GET' : req.method;
      const route = matching.find((r) => r.method === method);
      if (!route) {
        throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${path}; use ${matching.map((r) => r.method).join(' or ')}`, { Allow: matching.map((r) => r.method).join(', ') });
      }
      const m = route.path.exec(path)!;
      if (cacheOn && method === 'GET' && (!opts.private || authorised(req))) {
        const key = path + url.search;
        const now = Date.now();
        const st = stamp();
        const hit = cache.get(key);
        if (hit && hit.stamp === st && now - hit.at < ttl) {
          cache.delete(key); // keep recently used entries last
          cache.set(key, hit);
          return send(res, 200, hit.body, hit.type, { ...hit.headers, 'X-Cache': 'hit' });
        }
        (res as ServerResponse & { [CAPTURE]?: unknown })[CAPTURE] = (body: string | Buffer, type: string, headers: Record<string, string>) => {
          if (Buffer.byteLength(body) > 1_000_000) return;
          cache.set(key, { at: now, stamp: st, body, type, headers });
          while (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
        };
      }
      await route.handler(req, res, url.searchParams, m);
    };
    handle().catch((e: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (e instanceof HttpError) return sendError(res, e);
      if (isUserError(e)) return sendError(res, bad((e as Error).message.replace(/^dyad: /, '')));
      opts.log?.(`internal error: ${(e as Error).stack ?? e}`);
      sendError(res, new HttpError(500, 'internal_error', 'internal error (see the server log)'));
    });
  };
}

export interface Running {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Start listening (port 0 picks a free port) on host (default 127.0.0.1). */
export function startServer(opts: ServerOptions & { port?: number; host?: string }): Promise<Running> {
  const server = createServer(createApp(opts));
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  const host = opts.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      const h = host.includes(':') ? `[${host}]` : host;
      resolve({
        server,
        port,
        url: `http://${h}:${port}`,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}
