/** Shared by the `dyad eval` runners: option values and reading a gold JSONL file. */
import { readFileSync } from 'node:fs';
import { DyadInputError } from '../errors.js';

/** The value after `--name` in argv, if any. */
export function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/**
 * Read a gold JSONL file. `accept` turns one parsed record into the runner's type, or returns an
 * error message (a user error naming file and line), or null to skip the record. Stops after
 * `limit` accepted records.
 */
export function readGoldJsonl<T>(file: string, accept: (r: Record<string, unknown>) => T | string | null, limit = Infinity): T[] {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DyadInputError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const out: T[] = [];
  const lines = raw.split(/\r?\n/);
  for (let i = 0; i < lines.length && out.length < limit; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch {
      throw new DyadInputError(`${file}:${i + 1}: not valid JSON`);
    }
    const got = r && typeof r === 'object' ? accept(r as Record<string, unknown>) : 'expected a JSON object';
    if (typeof got === 'string') throw new DyadInputError(`${file}:${i + 1}: ${got}`);
    if (got !== null) out.push(got);
  }
  return out;
}
