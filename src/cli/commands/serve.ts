/** `dyad serve`: the HTTP API and dashboard over a store (see docs/api.md). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DyadInputError } from '../../errors.js';
import type { Store } from '../../store/types.js';

export const usage = `dyad serve [--db dyad.db] [--port 8080] [--host 127.0.0.1] [--token T] [--private] [--demo] [--quiet]

HTTP API under /api/v1 (OpenAPI at /api/v1/openapi.json) and the dashboard at /.
  --db PATH     SQLite store to serve (default dyad.db; with --demo, a temporary file)
  --port N      port (default 8080; 0 picks a free one)
  --host H      interface to bind (default 127.0.0.1, loopback only)
  --token T     bearer token for writes (default: $DYAD_TOKEN); without one, writes are refused
  --private     reads need the token too
  --demo        ingest the bundled examples (and ../shared/corpora/wikinews when present) first
  --quiet       no request log`;


export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      token: { type: 'string' },
      private: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port!) || port > 65535) throw new DyadInputError(`serve: --port must be a number from 0 to 65535; got ${values.port}`);
  const token = values.token ?? (process.env.DYAD_TOKEN || null);
  if (token !== null && token.length < 8) throw new DyadInputError('serve: the token must be at least 8 characters');
  if (values.private && !token) throw new DyadInputError('serve: --private needs a token (--token T or DYAD_TOKEN) so that readers can authenticate');
  let tmp: string | null = null;
  let dbPath = values.db ?? 'dyad.db';
  if (values.demo && !values.db) {
    tmp = mkdtempSync(join(tmpdir(), 'dyad-demo-'));
    dbPath = join(tmp, 'demo.db');
  }
  // Loaded after the arguments are checked: the server pulls in the whole pipeline (for POST /code).
  const [{ openStore }, { startServer }, { loadDemo }] = await Promise.all([import('../../store/index.js'), import('../../server/app.js'), import('../../server/demo.js')]);
  const store: Store = openStore(dbPath);
  const log = values.quiet ? undefined : (s: string) => process.stderr.write(s + '\n');
  if (values.demo) {
    const t0 = Date.now();
    const report = await loadDemo(store, { log: (s) => process.stderr.write(s + '\n') });
    process.stderr.write(`demo: ${report.reduce((n, r) => n + r.articles, 0)} articles ingested in ${((Date.now() - t0) / 1000).toFixed(1)} s into ${dbPath}\n`);
  }
  const running = await startServer({ store, token, private: values.private, port, host: values.host!, dbPath, ...(log ? { log } : {}) }).catch((e: NodeJS.ErrnoException) => {
    store.close();
    if (e.code === 'EADDRINUSE') throw new DyadInputError(`serve: port ${port} on ${values.host} is already in use (try --port 0)`);
    if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') throw new DyadInputError(`serve: cannot bind to host ${values.host}`);
    throw e;
  });
  const c = store.counts();
  process.stderr.write(
    `dyad: serving ${c.articles} articles, ${c.events} events from ${dbPath}\n` +
      `  dashboard  ${running.url}/\n  API        ${running.url}/api/v1  (OpenAPI: ${running.url}/api/v1/openapi.json)\n` +
      `  writes     ${token ? 'enabled with the bearer token' : 'disabled (set --token or DYAD_TOKEN)'}; reads ${values.private ? 'need the token' : 'open'}\n`,
  );
  if (values.host !== '127.0.0.1' && values.host !== 'localhost' && values.host !== '::1')
    process.stderr.write(`dyad: warning: listening on ${values.host}, reachable from other machines${token ? '' : ' (reads are open)'}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  store.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  return 0;
}
