import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { diagnoseTrace } from '../diagnose/build-diagnosis.js';
import { formatDiagnosis } from '../diagnose/format-diagnosis.js';
import { renderHtml } from '../html/render-html.js';
import { buildReport } from '../report/build-report.js';
import { formatReport } from '../report/format-report.js';
import type { CliIo, Report } from '../types.js';
import { parseCommand, type Command } from './args.js';
import { parseDuration, parseSince } from './duration.js';
import { CliError, EXIT_INTERNAL, EXIT_OK } from './errors.js';
import { createProgress } from './progress.js';
import { USAGE } from './usage.js';
import { cliVersion } from './version.js';

/** Runs one `sightline` command line and returns its exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command.name === 'help') io.stdout.write(USAGE);
    else if (command.name === 'version') io.stdout.write(`${cliVersion()}\n`);
    else if (command.name === 'report') await report(command, io);
    else await diagnose(command, io);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`sightline: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`sightline: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_INTERNAL;
  }
}

async function report(command: Extract<Command, { name: 'report' }>, io: CliIo): Promise<void> {
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
  warnAboutSkippedLines(result.report, io);
  if (command.html !== undefined && result.charts) {
    const target = resolve(io.cwd ?? process.cwd(), command.html);
    await writeFile(target, renderHtml(result.report, result.charts)).catch((error: Error) => {
      throw new CliError(`cannot write ${command.html}: ${error.message}`, EXIT_INTERNAL);
    });
    if (!command.json) io.stderr.write(`sightline: wrote ${command.html}\n`);
  }
  if (command.json) io.stdout.write(JSON.stringify(result.report, null, 2) + '\n');
  else if (command.html === undefined) io.stdout.write(formatReport(result.report));
}

async function diagnose(command: Extract<Command, { name: 'diagnose' }>, io: CliIo): Promise<void> {
  const progress = createProgress(io.stderr, 'sightline: searching');
  let diagnosis;
  try {
    diagnosis = await diagnoseTrace({ dir: resolve(io.cwd ?? process.cwd(), command.dir), traceId: command.traceId, onProgress: progress?.update });
  } finally {
    progress?.done();
  }
  io.stdout.write(command.json ? JSON.stringify(diagnosis, null, 2) + '\n' : formatDiagnosis(diagnosis));
}

function warnAboutSkippedLines(report: Report, io: CliIo): void {
  const { skippedLines, skipped } = report.input;
  if (skippedLines === 0) return;
  const where = skipped.map((line) => `${line.file}:${line.line}`).join(', ');
  io.stderr.write(`sightline: skipped ${skippedLines} corrupt or truncated line${skippedLines === 1 ? '' : 's'} (${where}${skippedLines > skipped.length ? ', …' : ''})\n`);
}
