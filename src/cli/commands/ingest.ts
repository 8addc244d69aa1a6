/** `dyad ingest` — not implemented yet. */
import { DyadInputError } from '../../errors.js';

export const usage = 'dyad ingest (not implemented yet)';
export async function run(_argv: string[]): Promise<number> {
  throw new DyadInputError('ingest is not implemented yet');
}
