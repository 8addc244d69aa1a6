/** `dyad eval events|quotes|time|places <file>` — each kind lives in src/eval/<kind>.ts. */
import { DyadInputError } from '../../errors.js';

export const usage = 'dyad eval <events|quotes|time|places> <gold.jsonl> [--limit N] [--json]';

const KINDS: Record<string, () => Promise<{ runEval(file: string, argv: string[]): Promise<number> }>> = {
  events: () => import('../../eval/events.js'),
  quotes: () => import('../../eval/quotes.js'),
  time: () => import('../../eval/time.js'),
  places: () => import('../../eval/places.js'),
};

export async function run(argv: string[]): Promise<number> {
  const [kind, file, ...rest] = argv;
  const load = kind ? KINDS[kind] : undefined;
  if (!load || !file) throw new DyadInputError(`usage: ${usage}`);
  return (await load()).runEval(file, rest);
}
