/** `dyad serve` as a process: argument errors, and serving an existing store on a free port. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.js';
import { ROOT } from './helpers.js';
import { usaRus } from './server-fixtures.js';

const BIN = join(ROOT, 'bin', 'dyad.js');

test('serve: bad arguments are one-line user errors', () => {
  for (const [args, word] of [
    [['--port', 'abc'], 'port'],
    [['--private'], 'token'],
  ] as const) {
    const r = spawnSync(process.execPath, [BIN, 'serve', ...args], { encoding: 'utf8', env: { ...process.env, DYAD_TOKEN: '' } });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, new RegExp(word));
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});

test('serve: serves a store on 127.0.0.1 and stops on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-serve-cli-'));
  const db = join(dir, 'x.db');
  const s = openStore(db);
  const f = usaRus();
  s.putCoded(f.article, f.doc);
  s.dedupe();
  s.close();
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0', '--quiet'], { env: { ...process.env, DYAD_TOKEN: '' } });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error('no URL printed: ' + err)), 15_000);
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /dashboard\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`exited ${code}: ${err}`));
      });
    });
    const r = await fetch(url + '/api/v1/events?dyad=USA:RUS');
    assert.equal(r.status, 200);
    const body = (await r.json()) as { rows: unknown[] };
    assert.equal(body.rows.length, 2); // the meeting and the accusation
    const w = await fetch(url + '/api/v1/articles', { method: 'POST', body: '{"text":"x"}', headers: { 'content-type': 'application/json' } });
    assert.equal(w.status, 403);
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
});
