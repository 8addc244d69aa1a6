/**
 * Loading and validating dyad's data files.
 *
 * Every data file is JSON with a `meta` header — name, version, date, source(s), licence note — and
 * an `entries` array (or object). Loading checks the header and runs the file's own validator on
 * each entry; a bad file is a DyadDataError naming the file, the entry and the problem.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DataMeta {
  name: string;
  version: string;
  date: string;
  /** Where the facts came from (one or more references). */
  source: string | string[];
  licence?: string;
  note?: string;
}

export interface DataFile<E> {
  meta: DataMeta;
  entries: E[];
}

export class DyadDataError extends Error {
  constructor(public file: string, message: string) {
    super(`dyad: data file ${file}: ${message}`);
    this.name = 'DyadDataError';
  }
}

let rootCache: string | null = null;
/** The package root (the folder holding package.json and data/), from src/ or dist/src/. */
export function packageRoot(): string {
  if (rootCache) return rootCache;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return (rootCache = dir);
    dir = dirname(dir);
  }
  throw new Error('dyad: cannot find the package root (data/ folder)');
}

export function dataPath(rel: string): string {
  return join(packageRoot(), 'data', rel);
}

const cache = new Map<string, unknown>();

/**
 * Load `data/<rel>`, check its header, validate each entry with `check` (return an error string or
 * null), and cache it for the process.
 */
export function loadData<E>(rel: string, check?: (e: E, i: number) => string | null): DataFile<E> {
  const hit = cache.get(rel);
  if (hit) return hit as DataFile<E>;
  const file = dataPath(rel);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DyadDataError(`data/${rel}`, `cannot read or parse: ${(e as Error).message}`);
  }
  const obj = raw as Partial<DataFile<E>>;
  const meta = obj.meta;
  if (!meta || typeof meta !== 'object') throw new DyadDataError(`data/${rel}`, 'missing "meta" header');
  for (const k of ['name', 'version', 'date', 'source'] as const) {
    if (!meta[k]) throw new DyadDataError(`data/${rel}`, `meta.${k} is missing`);
  }
  if (!Array.isArray(obj.entries)) throw new DyadDataError(`data/${rel}`, '"entries" must be an array');
  if (check) {
    obj.entries.forEach((e, i) => {
      const err = check(e, i);
      if (err) throw new DyadDataError(`data/${rel}`, `entry ${i} (${JSON.stringify(e).slice(0, 80)}): ${err}`);
    });
  }
  const out = obj as DataFile<E>;
  cache.set(rel, out);
  return out;
}

/** `data/<rel>@<version>` — the evidence `source` string for entries of a data file. */
export function sourceTag(rel: string): string {
  const f = cache.get(rel) as DataFile<unknown> | undefined;
  return f ? `data/${rel}@${f.meta.version}` : `data/${rel}`;
}
