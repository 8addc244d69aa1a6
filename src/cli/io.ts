/** Small helpers shared by CLI commands. */
import { readFileSync } from 'node:fs';
import { DyadInputError } from '../errors.js';

/** Read a whole file or stdin ('-'); a missing file is a user error naming the path. */
export function readInput(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DyadInputError(`${path}: no such file`);
    if (code === 'EISDIR') throw new DyadInputError(`${path}: is a directory`);
    throw new DyadInputError(`${path}: cannot read (${(e as Error).message})`);
  }
}

/** Write to stdout respecting back-pressure. */
export function write(s: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(s)) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}
