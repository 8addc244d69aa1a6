/**
 * Identity keys for duplicate detection, shared by every store implementation and by ingest:
 * a normalised URL key and a hash of the normalised text.
 */
import { createHash } from 'node:crypto';

/** Query parameters that only track the reader and never change the article. */
const TRACKING = /^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ocid|cmpid|ito|ref|ref_src|ref_url|src|smid|sr_share|at_medium|at_campaign|at_custom\d*|_ga|igshid|spm|share)$/i;

/** The URL parsed, when it is an http(s) URL; null otherwise. */
function httpUrl(url: string | null | undefined): URL | null {
  if (!url) return null;
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/**
 * A URL reduced to its identity: lower-case host without `www.`, no scheme, no fragment, no
 * tracking parameters, remaining parameters sorted, no trailing slash. Null for non-http(s) input.
 */
export function urlKey(url: string | null | undefined): string | null {
  const u = httpUrl(url);
  if (!u) return null;
  const host = u.hostname.toLowerCase().replace(/^www\d?\./, '');
  const params = [...u.searchParams.entries()].filter(([k]) => !TRACKING.test(k)).sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  let path = u.pathname.replace(/\/{2,}/g, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  if (/\/index\.(html?|php)$/i.test(path)) path = path.replace(/\/index\.(html?|php)$/i, '') || '/';
  const q = params.length ? '?' + params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') : '';
  const port = u.port && !((u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443')) ? ':' + u.port : '';
  return `${host}${port}${path === '/' ? '' : path}${q}`;
}

/**
 * The canonical form of a URL that is kept for display: the URL as given, without fragment and
 * tracking parameters. Null when it is not an http(s) URL.
 */
export function canonicalUrl(url: string | null | undefined): string | null {
  const u = httpUrl(url);
  if (!u) return null;
  u.hash = '';
  for (const k of [...u.searchParams.keys()]) if (TRACKING.test(k)) u.searchParams.delete(k);
  return u.toString();
}

/** Text normalised for duplicate detection: NFKC, lower case, letters and digits only, single spaces. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** SHA-1 (hex) of the normalised text. */
export function textHash(text: string): string {
  return createHash('sha1').update(normaliseText(text)).digest('hex');
}

/**
 * The first day (YYYY-MM-DD) covered by a TIMEX3-like date value: 2025-05-19, 2025-05, 2025-W20,
 * 2025-Q2, 2025; a full timestamp gives its date. Null for anything else (PRESENT_REF, P3Y, ...).
 */
export function dayOf(value: string | null | undefined): string | null {
  if (!value) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m) return m[0];
  m = /^(\d{4})-W(\d{2})/.exec(value);
  if (m) {
    const y = Number(m[1]);
    const w = Number(m[2]);
    const jan4 = new Date(Date.UTC(y, 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000 + (w - 1) * 7 * 86400000);
    return monday.toISOString().slice(0, 10);
  }
  m = /^(\d{4})-Q([1-4])$/.exec(value);
  if (m) return `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) return `${m[1]}-${m[2]}-01`;
  m = /^(\d{4})$/.exec(value);
  if (m) return `${m[1]}-01-01`;
  return null;
}
