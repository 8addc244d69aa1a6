/** `dyad eval quotes <file>` — not implemented yet. */
import { DyadInputError } from '../errors.js';

export async function runEval(_file: string, _argv: string[]): Promise<number> {
  throw new DyadInputError('eval quotes is not implemented yet');
}
