import { parseArgs } from 'node:util';
import { CliError, EXIT_USAGE } from './errors.js';

export const USAGE = `Usage:
  sightline report [dir] [--by team,feature,model] [--since 24h] [--json] [--html out.html] [--cache-window 1h]
  sightline diagnose <traceId> [dir] [--json]

dir defaults to .sightline. Exit codes: 0 ok, 2 usage, 3 no directory, 4 no telemetry, 5 trace not found.
`;

export type Command =
  | { name: 'help' }
  | { name: 'report'; dir: string; by: string[] | undefined; since: string | undefined; json: boolean; html: string | undefined; cacheWindow: string | undefined }
  | { name: 'diagnose'; traceId: string; dir: string; json: boolean };

const DEFAULT_DIR = '.sightline';

export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        by: { type: 'string' },
        since: { type: 'string' },
        json: { type: 'boolean', default: false },
        html: { type: 'string' },
        'cache-window': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${USAGE}`, EXIT_USAGE);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') return { name: 'help' };
  if (command === 'report') {
    if (rest.length > 1) throw new CliError(`report takes one directory, got ${rest.join(' ')}\n\n${USAGE}`, EXIT_USAGE);
    const by = values.by?.split(',').map((key) => key.trim()).filter((key) => key.length > 0);
    if (values.by !== undefined && (by === undefined || by.length === 0)) throw new CliError('--by needs at least one tag key', EXIT_USAGE);
    return { name: 'report', dir: rest[0] ?? DEFAULT_DIR, by, since: values.since, json: values.json, html: values.html, cacheWindow: values['cache-window'] };
  }
  if (command === 'diagnose') {
    const [traceId, dir, ...extra] = rest;
    if (traceId === undefined || extra.length > 0) throw new CliError(`diagnose takes a trace id and an optional directory\n\n${USAGE}`, EXIT_USAGE);
    for (const flag of ['by', 'since', 'html', 'cache-window'] as const) {
      if (values[flag] !== undefined) throw new CliError(`--${flag} applies to report, not diagnose`, EXIT_USAGE);
    }
    return { name: 'diagnose', traceId, dir: dir ?? DEFAULT_DIR, json: values.json };
  }
  throw new CliError(`unknown command "${command}"\n\n${USAGE}`, EXIT_USAGE);
}
