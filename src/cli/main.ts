/**
 * The thin CLI: parse the command name, hand the rest to one command module, print user mistakes
 * as one line and exit non-zero. Commands are loaded lazily so `dyad code` does not pay for the store.
 */
import { isUserError } from '../errors.js';

type Command = { run(argv: string[]): Promise<number>; usage: string };

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  code: { summary: 'code one article (or JSONL of articles) and print coded documents as JSON', load: () => import('./commands/code.js') },
  eval: { summary: 'measure accuracy on a gold set: eval events|quotes|time|places <file>', load: () => import('./commands/eval.js') },
  ingest: { summary: 'read files, directories, feeds, WARC or URLs into the store', load: () => import('./commands/ingest.js') },
  events: { summary: 'query coded events in the store', load: () => import('./commands/query.js').then((m) => m.events) },
  actors: { summary: 'list actors in the store', load: () => import('./commands/query.js').then((m) => m.actors) },
  quotes: { summary: 'list quotes in the store', load: () => import('./commands/query.js').then((m) => m.quotes) },
  search: { summary: 'full-text search over stored articles and quotes', load: () => import('./commands/query.js').then((m) => m.search) },
  export: { summary: 'export events: gdelt, acled, plover, geojson, csv, jsonl', load: () => import('./commands/export.js') },
  serve: { summary: 'HTTP API and dashboard over the store', load: () => import('./commands/serve.js') },
};

function help(): string {
  const lines = ['dyad — political event data from news, with evidence', '', 'usage: dyad <command> [options]', ''];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(8)} ${c.summary}`);
  lines.push('', 'dyad <command> --help for a command\'s options');
  return lines.join('\n') + '\n';
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    const { VERSION } = await import('../version.js');
    process.stdout.write(VERSION + '\n');
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    process.stderr.write(`dyad: unknown command "${name}" (try dyad --help)\n`);
    return 2;
  }
  try {
    const cmd = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(cmd.usage + '\n');
      return 0;
    }
    return await cmd.run(rest);
  } catch (e) {
    if (isUserError(e)) {
      process.stderr.write(e.message + '\n');
      return 2;
    }
    // parseArgs errors are user mistakes too.
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`dyad ${name}: ${(e as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`dyad: internal error in "${name}": ${(e as Error).stack ?? e}\n`);
    return 70;
  }
}
