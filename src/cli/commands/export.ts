/** `dyad export` — not implemented yet. */
import { DyadInputError } from '../../errors.js';

export const usage = 'dyad export (not implemented yet)';
export async function run(_argv: string[]): Promise<number> {
  throw new DyadInputError('export is not implemented yet');
}
