/** `dyad serve` — not implemented yet. */
import { DyadInputError } from '../../errors.js';

export const usage = 'dyad serve (not implemented yet)';
export async function run(_argv: string[]): Promise<number> {
  throw new DyadInputError('serve is not implemented yet');
}
