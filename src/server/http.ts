/** Small HTTP helpers for the API: errors as JSON, body reading with a size limit, responses. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error that maps to an HTTP status and a JSON body `{error: {status, code, message}}`. */
export class HttpError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const bad = (message: string, code = 'bad_request') => new HttpError(400, code, message);

/** Headers sent with every response. The CSP forbids inline script and foreign origins outright. */
export const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
};

/** Set on a response whose 200 body may be kept by the response cache. */
export const CAPTURE = Symbol('dyad.capture');
type Capturing = ServerResponse & { [CAPTURE]?: (body: string | Buffer, type: string, headers: Record<string, string>) => void };

export function send(res: ServerResponse, status: number, body: string | Buffer, type: string, headers: Record<string, string> = {}): void {
  const cap = (res as Capturing)[CAPTURE];
  if (cap && status === 200) cap(body, type, headers);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', { 'Cache-Control': 'no-store', ...headers });
}

export function sendError(res: ServerResponse, e: HttpError): void {
  sendJson(res, e.status, { error: { status: e.status, code: e.code, message: e.message } }, e.headers);
}

/** Read the whole request body, refusing (413) past `limit` bytes without buffering the rest. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new HttpError(413, 'body_too_large', `request body is ${declared} bytes; the limit is ${limit} bytes`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > limit) {
        done = true;
        reject(new HttpError(413, 'body_too_large', `request body exceeds the limit of ${limit} bytes`));
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!done) {
        done = true;
        resolve(Buffer.concat(chunks));
      }
    });
    req.on('error', (err) => {
      if (!done) {
        done = true;
        reject(err);
      }
    });
  });
}

/** Parse a JSON (or, for `ndjson`, JSON Lines) body; a parse error is a 400 naming where it failed. */
export function parseJsonBody(buf: Buffer, contentType: string | undefined): unknown {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const text = buf.toString('utf8');
  if (!text.trim()) throw bad('request body is empty: send a JSON object', 'empty_body');
  if (type === 'application/x-ndjson' || type === 'application/jsonl' || type === 'application/x-jsonlines') {
    const out: unknown[] = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (!line) continue;
      try {
        out.push(JSON.parse(line));
      } catch (e) {
        throw bad(`line ${i + 1} of the JSON Lines body is not valid JSON: ${(e as Error).message}`, 'invalid_json');
      }
    }
    return out;
  }
  if (type && type !== 'application/json' && !type.endsWith('+json'))
    throw new HttpError(415, 'unsupported_media_type', `Content-Type ${type} is not accepted: send application/json or application/x-ndjson`);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw bad(`request body is not valid JSON: ${(e as Error).message}`, 'invalid_json');
  }
}
