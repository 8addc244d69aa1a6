/**
 * Open a store. SQLite is the default (one file); other back ends (PostgreSQL) plug in here by URL
 * scheme without touching the pipeline or ingest, which only see the `Store` interface.
 */
import { SqliteStore, type SqliteOptions } from './sqlite.js';
import type { Store } from './types.js';
import { DyadInputError } from '../errors.js';

export type * from './types.js';
export { SqliteStore, ftsQuery } from './sqlite.js';
export { urlKey, canonicalUrl, textHash, normaliseText, dayOf } from './keys.js';

export const DEFAULT_DB = 'dyad.db';

export interface OpenOptions extends SqliteOptions {}

/**
 * Open (creating when needed, unless `mustExist`) the store at `path`: a file path for SQLite.
 * `postgres://` URLs are reserved for the PostgreSQL store.
 */
export function openStore(path: string = DEFAULT_DB, opts: OpenOptions = {}): Store & { integrityCheck(): string; dedupeMemory(): number } {
  if (/^postgres(ql)?:\/\//i.test(path)) throw new DyadInputError('the PostgreSQL store is not available in this build; use a SQLite file path');
  return new SqliteStore(path, opts);
}
