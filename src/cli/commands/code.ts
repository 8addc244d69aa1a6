/** `dyad code <file|-> [--published D] [--title T] [--url U] [--outlet O] [--jsonl] [--pretty] [--debug]` */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { code, checkArticle } from '../../code.js';
import { DyadInputError, isUserError } from '../../errors.js';
import { readInput, write } from '../io.js';

export const usage = `dyad code <file|-> [--published YYYY-MM-DD] [--title T] [--url U] [--outlet O] [--pretty] [--debug]
dyad code --jsonl <file|->   one article object per line in, one coded document per line out`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      published: { type: 'string' },
      title: { type: 'string' },
      url: { type: 'string' },
      outlet: { type: 'string' },
      id: { type: 'string' },
      jsonl: { type: 'boolean', default: false },
      pretty: { type: 'boolean', default: false },
      debug: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) throw new DyadInputError(`usage: ${usage}`);
  const path = positionals[0];
  if (values.jsonl) return codeJsonl(path, { published: values.published, debug: values.debug });
  const text = readInput(path);
  const doc = code(
    { text, published: values.published, title: values.title, url: values.url, outlet: values.outlet, id: values.id ?? (path === '-' ? undefined : path) },
    { debug: values.debug },
  );
  await write(JSON.stringify(doc, null, values.pretty ? 2 : undefined) + '\n');
  return 0;
}

/** One output line per non-blank input line: a coded document, or an error record for that line. */
async function codeJsonl(path: string, opts: { published?: string; debug?: boolean }): Promise<number> {
  let input: NodeJS.ReadableStream;
  if (path === '-') input = process.stdin;
  else {
    const stream = createReadStream(path, { encoding: 'utf8' });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (e: NodeJS.ErrnoException) =>
        reject(new DyadInputError(e.code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${e.message})`)),
      );
    });
    input = stream;
  }
  const rl = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  let failed = 0;
  let ok = 0;
  for await (const raw of rl) {
    line++;
    if (!raw.trim()) continue;
    let id: string | null = null;
    try {
      let obj: unknown;
      try {
        obj = JSON.parse(raw);
      } catch (e) {
        throw new DyadInputError(`not valid JSON (${(e as Error).message})`);
      }
      const o = obj as Record<string, unknown> | null;
      if (o && typeof o === 'object' && (typeof o.id === 'string' || typeof o.id === 'number')) id = String(o.id);
      const art = checkArticle(obj);
      const doc = code(art, { published: opts.published ?? art.published, debug: opts.debug });
      await write(JSON.stringify(doc) + '\n');
      ok++;
    } catch (e) {
      failed++;
      const msg = isUserError(e) ? e.message.replace(/^dyad: /, '') : `internal error: ${(e as Error).message}`;
      await write(JSON.stringify({ error: msg, file: path, line, id }) + '\n');
    }
  }
  process.stderr.write(`dyad code: ${ok} coded, ${failed} failed (${path})\n`);
  return ok === 0 && failed > 0 ? 1 : 0;
}
