/** `dyad events|actors|quotes|search` — not implemented yet. */
import { DyadInputError } from '../../errors.js';

const notYet = (name: string) => ({
  usage: `dyad ${name} (not implemented yet)`,
  async run(_argv: string[]): Promise<number> {
    throw new DyadInputError(`${name} is not implemented yet`);
  },
});
export const events = notYet('events');
export const actors = notYet('actors');
export const quotes = notYet('quotes');
export const search = notYet('search');
