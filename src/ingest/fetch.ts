/**
 * Fetch a URL for ingest, safely: http(s) only, a timeout for the whole exchange, a size cap (also
 * on the decompressed body), a redirect limit, and no server-side request forgery — every address
 * a host name resolves to is checked (and the connection is pinned to the checked address), again
 * at each redirect, so private, loopback, link-local and other special ranges are refused unless
 * `allowPrivate` is given.
 */
import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import zlib from 'node:zlib';
import type { LookupFunction } from 'node:net';

export interface FetchOptions {
  allowPrivate?: boolean;
  /** Whole-exchange timeout per URL, ms (default 15000). */
  timeoutMs?: number;
  /** Largest body accepted, bytes, after decompression (default 10 MiB). */
  maxBytes?: number;
  /** Most redirects followed (default 5). */
  maxRedirects?: number;
  /** Overrides the address policy (tests); returns true when the address may be contacted. */
  addressAllowed?: (address: string) => boolean;
  userAgent?: string;
}

export interface FetchResult {
  /** The final URL after redirects. */
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
  /** Every URL visited, first to last. */
  chain: string[];
}

export class FetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FetchError';
  }
}

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  blocked.addSubnet(net, bits, 'ipv6');

/** True for loopback, private, link-local, multicast and other non-public addresses. */
export function isPrivateAddress(address: string): boolean {
  const fam = isIP(address);
  if (fam === 4) return blocked.check(address, 'ipv4');
  if (fam === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return blocked.check(mapped[1], 'ipv4');
    const hex = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
    if (hex) {
      const hi = parseInt(hex[1], 16);
      const lo = parseInt(hex[2], 16);
      return blocked.check(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, 'ipv4');
    }
    return blocked.check(address, 'ipv6');
  }
  return true; // not an address at all: refuse
}

async function resolveChecked(host: string, opts: FetchOptions): Promise<{ address: string; family: number }> {
  const bare = host.replace(/^\[|\]$/g, '');
  let addrs: { address: string; family: number }[];
  if (isIP(bare)) addrs = [{ address: bare, family: isIP(bare) }];
  else {
    try {
      addrs = await dnsLookup(bare, { all: true, verbatim: true });
    } catch (e) {
      throw new FetchError(`cannot resolve ${bare} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  if (!addrs.length) throw new FetchError(`cannot resolve ${bare}`);
  const allowed = opts.addressAllowed ?? ((a: string) => !!opts.allowPrivate || !isPrivateAddress(a));
  for (const a of addrs)
    if (!allowed(a.address)) throw new FetchError(`refused: ${bare} resolves to private or loopback address ${a.address} (use --allow-private to permit)`);
  return addrs[0];
}

function decode(body: Buffer, encoding: string, maxBytes: number): Buffer {
  const enc = encoding.trim().toLowerCase();
  const o = { maxOutputLength: maxBytes };
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return zlib.gunzipSync(body, o);
    if (enc === 'deflate') {
      try {
        return zlib.inflateSync(body, o);
      } catch {
        return zlib.inflateRawSync(body, o);
      }
    }
    if (enc === 'br') return zlib.brotliDecompressSync(body, o);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength|too large/i.test((e as Error).message))
      throw new FetchError(`body larger than ${maxBytes} bytes after decompression`);
    throw new FetchError(`cannot decompress ${enc} body (${(e as Error).message})`);
  }
  return body;
}

function once(url: URL, pinned: { address: string; family: number }, opts: Required<Pick<FetchOptions, 'maxBytes' | 'userAgent'>>, deadline: number): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const lookup: LookupFunction = (_host, options, cb) => {
      if ((options as { all?: boolean }).all) (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
      else cb(null, pinned.address, pinned.family);
    };
    const mod = url.protocol === 'https:' ? https : http;
    const left = deadline - Date.now();
    if (left <= 0) return reject(new FetchError('timed out'));
    const req = mod.request(
      url,
      {
        method: 'GET',
        lookup,
        headers: { 'User-Agent': opts.userAgent, Accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5', 'Accept-Encoding': 'gzip, deflate, br' },
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          res.resume();
          resolve({ status, headers: res.headers, body: Buffer.alloc(0) });
          return;
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > opts.maxBytes) {
          reject(new FetchError(`body is ${declared} bytes; the limit is ${opts.maxBytes}`));
          res.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        let n = 0;
        res.on('data', (c: Buffer) => {
          n += c.length;
          if (n > opts.maxBytes) {
            reject(new FetchError(`body larger than ${opts.maxBytes} bytes`));
            res.destroy();
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => resolve({ status, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', (e) => reject(new FetchError(e.message)));
        res.on('aborted', () => reject(new FetchError('connection aborted')));
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new FetchError('timed out'));
    }, left);
    req.on('error', (e) => reject(e instanceof FetchError ? e : new FetchError((e as Error).message)));
    req.on('close', () => clearTimeout(timer));
    req.end();
  });
}

/** Fetch one URL under the rules above. Throws FetchError with a one-line reason. */
export async function safeFetch(input: string, options: FetchOptions = {}): Promise<FetchResult> {
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  const deadline = Date.now() + (options.timeoutMs ?? 15000);
  const userAgent = options.userAgent ?? 'dyad-ingest/0.1 (+news event coding)';
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new FetchError(`not a URL: ${input}`);
  }
  const chain: string[] = [];
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError(`refused: only http and https URLs are fetched (${url.protocol})`);
    if (url.username || url.password) throw new FetchError('refused: URLs with credentials are not fetched');
    chain.push(url.toString());
    const pinned = await resolveChecked(url.hostname, options);
    const r = await once(url, pinned, { maxBytes, userAgent }, deadline);
    if (r.status >= 300 && r.status < 400) {
      const loc = r.headers.location;
      if (!loc) throw new FetchError(`HTTP ${r.status} without a Location header`);
      if (hop >= maxRedirects) throw new FetchError(`too many redirects (more than ${maxRedirects})`);
      try {
        url = new URL(loc, url);
      } catch {
        throw new FetchError(`bad redirect Location ${JSON.stringify(loc)}`);
      }
      continue;
    }
    if (r.status < 200 || r.status >= 300) throw new FetchError(`HTTP ${r.status}`);
    const ce = String(r.headers['content-encoding'] ?? '');
    const body = ce ? decode(r.body, ce, maxBytes) : r.body;
    return { url: url.toString(), status: r.status, contentType: String(r.headers['content-type'] ?? ''), body, chain };
  }
}

/** Decode bytes to text using the charset of a Content-Type header or an HTML meta tag; UTF-8 otherwise. */
export function decodeText(body: Buffer, contentType = ''): string {
  let cs = /charset=["']?([\w.:-]+)/i.exec(contentType)?.[1];
  if (!cs) {
    const head = body.subarray(0, 2048).toString('latin1');
    cs = /<meta[^>]+charset=["']?([\w.:-]+)/i.exec(head)?.[1] ?? /<\?xml[^>]+encoding=["']([\w.:-]+)/i.exec(head)?.[1];
  }
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return body.subarray(3).toString('utf8');
  if (cs && !/^utf-?8$/i.test(cs)) {
    try {
      return new TextDecoder(cs.toLowerCase()).decode(body);
    } catch {
      /* unknown label: fall back to UTF-8 */
    }
  }
  return body.toString('utf8');
}
