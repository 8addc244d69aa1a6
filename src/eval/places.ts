/** `dyad eval places <file>` — not implemented yet. */
import { DyadInputError } from '../errors.js';

export async function runEval(_file: string, _argv: string[]): Promise<number> {
  throw new DyadInputError('eval places is not implemented yet');
}
