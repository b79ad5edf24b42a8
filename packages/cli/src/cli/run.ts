import { stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { diagnoseTrace } from '../diagnose/build-diagnosis.js';
import { formatDiagnosis } from '../diagnose/format-diagnosis.js';
import { renderHtml } from '../html/render-html.js';
import { buildReport } from '../report/build-report.js';
import { formatReport } from '../report/format-report.js';
import type { CliIo, Report } from '../types.js';
import { DEFAULT_HTML_FILE, parseCommand, type Command } from './args.js';
import { parseDuration, parseSince } from './duration.js';
import { CliError, EXIT_INTERNAL, EXIT_OK } from './errors.js';
import { escapeControl, escapeControlInLines, stringifyJson } from './escape-control.js';
import { createProgress } from './progress.js';
import { USAGE } from './usage.js';
import { cliVersion } from './version.js';

/** Where a command writes: `print` to stdout, `warn` to stderr, both past the control-character guard. */
interface Output {
  print(text: string): void;
  warn(text: string): void;
}

/**
 * The last guard before the operator's terminal: whatever a formatter missed,
 * no control character but the output's own newlines gets through. Values are
 * escaped where they are formatted (a newline in a tag value must not break a
 * row either); this makes a forgotten one harmless. The progress line writes
 * its own `\r` and erase sequence to stderr directly, past this guard.
 */
function guardedOutput(io: CliIo): Output {
  return {
    print: (text) => void io.stdout.write(escapeControlInLines(text)),
    warn: (text) => void io.stderr.write(escapeControlInLines(text)),
  };
}

/** Runs one `sightline` command line and returns its exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const output = guardedOutput(io);
  try {
    const command = parseCommand(argv);
    if (command.name === 'help') output.print(USAGE);
    else if (command.name === 'version') output.print(`${cliVersion()}\n`);
    else if (command.name === 'report') await report(command, io, output);
    else await diagnose(command, io, output);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CliError) {
      output.warn(`sightline: ${error.message}\n`);
      return error.exitCode;
    }
    output.warn(`sightline: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_INTERNAL;
  }
}

async function report(command: Extract<Command, { name: 'report' }>, io: CliIo, output: Output): Promise<void> {
  const now = io.now ?? Date.now;
  const sinceMs = command.since === undefined ? undefined : parseSince(command.since, now());
  const cacheWindowMs = command.cacheWindow === undefined ? undefined : parseDuration(command.cacheWindow, '--cache-window');
  const progress = createProgress(io.stderr, 'sightline: reading');
  let result;
  try {
    result = await buildReport({
      dir: resolve(io.cwd ?? process.cwd(), command.dir),
      by: command.by,
      sinceMs,
      cacheWindowMs,
      charts: command.html !== undefined,
      onProgress: progress?.update,
    });
  } finally {
    progress?.done();
  }
  result.report.dir = command.dir;
  warnAboutSkippedLines(result.report, output);
  if (command.html !== undefined && result.charts) {
    const shown = await htmlTarget(io.cwd ?? process.cwd(), command.html);
    await writeFile(resolve(io.cwd ?? process.cwd(), shown), renderHtml(result.report, result.charts)).catch((error: Error) => {
      throw new CliError(`cannot write ${shown}: ${error.message}`, EXIT_INTERNAL);
    });
    if (!command.json) output.warn(`sightline: wrote ${shown}\n`);
  }
  if (command.json) output.print(stringifyJson(result.report, 2) + '\n');
  else if (command.html === undefined) output.print(formatReport(result.report));
}

/** `--html some-dir` names a directory that exists: the page goes into it, under the default name. */
async function htmlTarget(cwd: string, html: string): Promise<string> {
  const isDirectory = await stat(resolve(cwd, html)).then(
    (info) => info.isDirectory(),
    () => false,
  );
  return isDirectory ? join(html, DEFAULT_HTML_FILE) : html;
}

async function diagnose(command: Extract<Command, { name: 'diagnose' }>, io: CliIo, output: Output): Promise<void> {
  const progress = createProgress(io.stderr, 'sightline: searching');
  let diagnosis;
  try {
    diagnosis = await diagnoseTrace({
      dir: resolve(io.cwd ?? process.cwd(), command.dir),
      traceId: command.traceId,
      onProgress: progress?.update,
    });
  } finally {
    progress?.done();
  }
  output.print(command.json ? stringifyJson(diagnosis, 2) + '\n' : formatDiagnosis(diagnosis));
}

function warnAboutSkippedLines(report: Report, output: Output): void {
  const { skippedLines, skipped } = report.input;
  if (skippedLines === 0) return;
  const where = skipped.map((line) => `${escapeControl(line.file)}:${line.line}`).join(', ');
  output.warn(
    `sightline: skipped ${skippedLines} corrupt or truncated line${skippedLines === 1 ? '' : 's'} (${where}${skippedLines > skipped.length ? ', …' : ''})\n`,
  );
}
