import { parseArgs } from 'node:util';
import { DEFAULT_FILE_DIR } from '@sightline/core';
import { CliError, EXIT_USAGE } from './errors.js';
import { USAGE } from './usage.js';

export type Command =
  | { name: 'help' }
  | { name: 'version' }
  | {
      name: 'report';
      dir: string;
      by: string[] | undefined;
      since: string | undefined;
      json: boolean;
      html: string | undefined;
      cacheWindow: string | undefined;
    }
  | { name: 'diagnose'; traceId: string; dir: string; json: boolean };

/** What `--html` writes when no file name follows it. */
export const DEFAULT_HTML_FILE = 'sightline-report.html';

const OPTIONS = {
  by: { type: 'string' },
  since: { type: 'string' },
  json: { type: 'boolean', default: false },
  html: { type: 'string' },
  'cache-window': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', default: false },
} as const;

/**
 * Errors in the shape of the command line (unknown command or flag, a missing
 * or extra argument) carry the usage text; errors in a value (`--since`, a
 * `--by` key, a trace id) are one line. Both exit with EXIT_USAGE (2).
 */
function usageError(message: string): CliError {
  return new CliError(`${message}\n\n${USAGE}`, EXIT_USAGE);
}

export function parseCommand(argv: readonly string[]): Command {
  const args = withDefaultHtmlFile(argv);
  rejectUnknownFlags(args);
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || (command === undefined && !values.version) || command === 'help') return { name: 'help' };
  if (values.version) return { name: 'version' };
  if (command === 'report') {
    if (rest.length > 1) throw usageError(`report takes one directory, got ${rest.join(' ')}`);
    const by = values.by
      ?.split(',')
      .map((key) => key.trim())
      .filter((key) => key.length > 0);
    if (values.by !== undefined && (by === undefined || by.length === 0)) throw new CliError('--by needs at least one tag key', EXIT_USAGE);
    if (values.html === '') throw new CliError(`--html= needs a file name; --html alone writes ${DEFAULT_HTML_FILE}`, EXIT_USAGE);
    return {
      name: 'report',
      dir: rest[0] ?? DEFAULT_FILE_DIR,
      by,
      since: values.since,
      json: values.json,
      html: values.html,
      cacheWindow: values['cache-window'],
    };
  }
  if (command === 'diagnose') {
    const [traceId, dir, ...extra] = rest;
    if (traceId === undefined || extra.length > 0) throw usageError('diagnose takes a trace id and an optional directory');
    for (const flag of ['by', 'since', 'html', 'cache-window'] as const) {
      if (values[flag] !== undefined) throw new CliError(`--${flag} applies to report, not diagnose`, EXIT_USAGE);
    }
    return { name: 'diagnose', traceId, dir: dir ?? DEFAULT_FILE_DIR, json: values.json };
  }
  throw usageError(`unknown command "${command}"`);
}

/**
 * `--html` takes an optional file name, which parseArgs cannot express: when
 * nothing follows it, or the next word is another flag, the default file name
 * is put in. Words after a `--` terminator are positionals and left alone.
 */
function withDefaultHtmlFile(argv: readonly string[]): string[] {
  const args: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index]!;
    if (word === '--') return [...args, ...argv.slice(index)];
    args.push(word);
    const next = argv[index + 1];
    if (word === '--html' && (next === undefined || (next.length > 1 && next.startsWith('-')))) args.push(DEFAULT_HTML_FILE);
  }
  return args;
}

/** Names every flag the command does not know, before parseArgs' own message (which names only the first, with a hint about `--`). */
function rejectUnknownFlags(args: string[]): void {
  const { tokens } = parseArgs({ args, allowPositionals: true, strict: false, tokens: true, options: OPTIONS });
  const unknown = tokens.flatMap((token) => (token.kind === 'option' && !Object.hasOwn(OPTIONS, token.name) ? [`"${token.rawName}"`] : []));
  if (unknown.length > 0) throw usageError(`unknown flag${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}`);
}
