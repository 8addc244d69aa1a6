/**
 * A small streaming WARC reader (WARC/1.0 and 1.1; plain or gzip with one member per record, as
 * Common Crawl's CC-NEWS ships them — zlib's gunzip reads the concatenated members), and an HTTP
 * response parser for `response` records (status, headers, chunked transfer, content encoding).
 */
import zlib from 'node:zlib';

export interface WarcRecord {
  /** WARC header fields, names lower-cased. */
  headers: Record<string, string>;
  type: string;
  targetUri: string | null;
  date: string | null;
  block: Buffer;
}

function indexOfCrlf2(buf: Buffer, from: number): number {
  return buf.indexOf('\r\n\r\n', from, 'latin1');
}

function parseHeaderLines(text: string): Record<string, string> {
  const h: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const k = line.slice(0, i).trim().toLowerCase();
    const v = line.slice(i + 1).trim();
    h[k] = h[k] ? `${h[k]}, ${v}` : v;
  }
  return h;
}

/** Records of a WARC byte stream (already decompressed). Throws on a malformed record header. */
export async function* readWarc(stream: AsyncIterable<Buffer | string>): AsyncGenerator<WarcRecord> {
  let buf: Buffer = Buffer.alloc(0);
  let ended = false;
  const it = stream[Symbol.asyncIterator]();
  const more = async (): Promise<boolean> => {
    if (ended) return false;
    const r = await it.next();
    if (r.done) {
      ended = true;
      return false;
    }
    const c = typeof r.value === 'string' ? Buffer.from(r.value, 'latin1') : r.value;
    buf = buf.length ? Buffer.concat([buf, c]) : c;
    return true;
  };
  let offset = 0;
  for (;;) {
    // Skip blank lines between records.
    while (true) {
      while (offset < buf.length && (buf[offset] === 0x0d || buf[offset] === 0x0a)) offset++;
      if (offset < buf.length) break;
      buf = Buffer.alloc(0);
      offset = 0;
      if (!(await more())) return;
    }
    let end = indexOfCrlf2(buf, offset);
    while (end < 0) {
      if (buf.length - offset > 1 << 20) throw new Error('WARC record header longer than 1 MiB');
      if (!(await more())) {
        if (buf.subarray(offset).toString('latin1').trim()) throw new Error('truncated WARC record header');
        return;
      }
      end = indexOfCrlf2(buf, offset);
    }
    const headText = buf.subarray(offset, end).toString('utf8');
    if (!/^WARC\/\d/.test(headText)) throw new Error(`not a WARC record (starts ${JSON.stringify(headText.slice(0, 20))})`);
    const headers = parseHeaderLines(headText.slice(headText.indexOf('\n') + 1));
    const len = Number(headers['content-length']);
    if (!Number.isFinite(len) || len < 0) throw new Error('WARC record without a valid Content-Length');
    const start = end + 4;
    while (buf.length < start + len) {
      if (!(await more())) throw new Error(`truncated WARC record (${headers['warc-record-id'] ?? 'unknown id'})`);
    }
    const block = Buffer.from(buf.subarray(start, start + len));
    offset = start + len;
    // Drop consumed bytes so the buffer does not grow with the file.
    buf = buf.subarray(offset);
    offset = 0;
    yield {
      headers,
      type: (headers['warc-type'] ?? '').toLowerCase(),
      targetUri: headers['warc-target-uri']?.replace(/^<|>$/g, '') ?? null,
      date: headers['warc-date'] ?? null,
      block,
    };
  }
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function dechunk(body: Buffer): Buffer {
  const out: Buffer[] = [];
  let i = 0;
  while (i < body.length) {
    const nl = body.indexOf('\r\n', i, 'latin1');
    if (nl < 0) break;
    const size = parseInt(body.subarray(i, nl).toString('latin1').split(';')[0].trim(), 16);
    if (!Number.isFinite(size)) throw new Error('bad chunked encoding');
    if (size === 0) break;
    out.push(body.subarray(nl + 2, nl + 2 + size));
    i = nl + 2 + size + 2;
  }
  return Buffer.concat(out);
}

/** Parse the HTTP response inside a `response` record. */
export function parseHttpResponse(block: Buffer, maxBytes = 20 * 1024 * 1024): HttpResponse {
  let end = indexOfCrlf2(block, 0);
  let sep = 4;
  if (end < 0) {
    end = block.indexOf('\n\n', 0, 'latin1');
    sep = 2;
  }
  if (end < 0) throw new Error('HTTP response without a header block');
  const head = block.subarray(0, end).toString('latin1');
  const m = /^HTTP\/[\d.]+\s+(\d{3})/.exec(head);
  if (!m) throw new Error('not an HTTP response');
  const headers = parseHeaderLines(head.slice(head.indexOf('\n') + 1));
  let body: Buffer = block.subarray(end + sep);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    try {
      body = dechunk(body);
    } catch {
      /* many archives store the de-chunked body with the original header: keep it as is */
    }
  }
  const ce = (headers['content-encoding'] ?? '').toLowerCase().trim();
  const o = { maxOutputLength: maxBytes };
  try {
    if (ce === 'gzip' || ce === 'x-gzip') body = zlib.gunzipSync(body, o);
    else if (ce === 'deflate') body = zlib.inflateSync(body, o);
    else if (ce === 'br') body = zlib.brotliDecompressSync(body, o);
  } catch {
    /* archives often store the decoded body with the original header: keep it as is */
  }
  return { status: Number(m[1]), headers, body };
}
