/**
 * Static files: the dashboard (web/) and two vendored assets from npm packages — topojson-client's
 * browser build and world-atlas's countries-110m.json — so nothing is fetched from a CDN.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { packageRoot } from '../dictionaries/load.js';
import { HttpError, send } from './http.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

const require = createRequire(import.meta.url);
function moduleFile(spec: string): string {
  return require.resolve(spec);
}

const VENDOR: Record<string, () => string> = {
  '/vendor/topojson-client.js': () => moduleFile('topojson-client/dist/topojson-client.min.js'),
  '/vendor/countries-110m.json': () => join(dirname(moduleFile('world-atlas/package.json')), 'countries-110m.json'),
};

const cache = new Map<string, { body: Buffer; etag: string; mtime: number }>();

function load(file: string): { body: Buffer; etag: string } {
  const st = statSync(file);
  const hit = cache.get(file);
  if (hit && hit.mtime === st.mtimeMs) return hit;
  const body = readFileSync(file);
  const entry = { body, etag: `"${st.size.toString(36)}-${Math.round(st.mtimeMs).toString(36)}"`, mtime: st.mtimeMs };
  cache.set(file, entry);
  return entry;
}

export function defaultWebRoot(): string {
  return join(packageRoot(), 'web');
}

export function serveStatic(req: IncomingMessage, res: ServerResponse, path: string, webRoot = defaultWebRoot()): void {
  let file: string;
  const vendor = VENDOR[path];
  if (vendor) file = vendor();
  else {
    let rel: string;
    try {
      rel = decodeURIComponent(path);
    } catch {
      throw new HttpError(400, 'bad_request', 'malformed path');
    }
    if (rel === '/' || rel === '') rel = '/index.html';
    if (rel.includes('\0')) throw new HttpError(400, 'bad_request', 'malformed path');
    const root = normalize(webRoot + sep);
    file = normalize(join(root, rel));
    if (!file.startsWith(root)) throw new HttpError(404, 'not_found', 'not found');
  }
  const type = TYPES[extname(file).toLowerCase()];
  let entry;
  try {
    if (!type) throw new Error('type');
    entry = load(file);
  } catch {
    throw new HttpError(404, 'not_found', `no such file ${path}`);
  }
  if (req.headers['if-none-match'] === entry.etag) {
    res.writeHead(304, { ETag: entry.etag });
    res.end();
    return;
  }
  send(res, 200, entry.body, type, { ETag: entry.etag, 'Cache-Control': vendor !== undefined ? 'public, max-age=86400' : 'no-cache' });
}
