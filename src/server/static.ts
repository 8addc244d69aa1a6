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

/**
 * The world map for the dashboard, converted once on the server: world-atlas's countries-110m
 * TopoJSON → GeoJSON (topojson-client) → equirectangular SVG path strings in a fixed
 * WORLD_W × WORLD_H box (latitudes 84°N..58°S), so the browser only parses a small JSON and draws.
 */
export const WORLD_BOX = { width: 1000, height: 395, latTop: 84, latBottom: -58 };
let worldJson: Buffer | null = null;
function worldPaths(): Buffer {
  if (worldJson) return worldJson;
  type Geometry = { type: string; coordinates: number[][][] | number[][][][] } | null;
  const topojson = require('topojson-client') as { feature(t: unknown, o: unknown): { features: { geometry: Geometry; properties?: { name?: string } }[] } };
  const topo = JSON.parse(readFileSync(VENDOR['/vendor/countries-110m.json']!(), 'utf8')) as { objects: { countries: unknown } };
  const { width: W, height: H, latTop, latBottom } = WORLD_BOX;
  const px = (lon: number) => ((lon + 180) / 360) * W;
  const py = (lat: number) => ((latTop - lat) / (latTop - latBottom)) * H;
  const out: { name: string; d: string }[] = [];
  for (const f of topojson.feature(topo, topo.objects.countries).features) {
    const g = f.geometry;
    if (!g) continue;
    const polys = (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []) as number[][][][];
    let d = '';
    for (const poly of polys)
      for (const ring of poly) {
        let prevX: number | null = null;
        ring.forEach(([lon, lat], i) => {
          const x = px(lon!), y = py(lat!);
          // A jump across the antimeridian starts a new sub-path instead of drawing a streak.
          const jump = prevX !== null && Math.abs(x - prevX) > W / 2;
          d += (i === 0 || jump ? 'M' : 'L') + x.toFixed(1) + ',' + y.toFixed(1);
          prevX = x;
        });
        d += 'Z';
      }
    out.push({ name: f.properties?.name ?? '', d });
  }
  worldJson = Buffer.from(JSON.stringify({ ...WORLD_BOX, source: 'world-atlas countries-110m (Natural Earth 1:110m)', countries: out }));
  return worldJson;
}

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
  if (path === '/vendor/world-110m-paths.json') {
    const body = worldPaths();
    const etag = `"world-${body.length.toString(36)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag });
      res.end();
      return;
    }
    send(res, 200, body, TYPES['.json']!, { ETag: etag, 'Cache-Control': 'public, max-age=86400' });
    return;
  }
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
