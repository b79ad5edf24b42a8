import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_NO_DIRECTORY, EXIT_NO_TELEMETRY, EXIT_TRACE_NOT_FOUND, EXIT_USAGE, type Report } from '../src/index.js';
import { writeKnownSpend } from './support/known-spend.js';
import { sightline, temporaryDirectory } from './support/run-cli.js';
import { generateTelemetry } from './support/telemetry-generator.js';

describe('clear errors and exit codes', () => {
  let dir: { path: string; remove(): Promise<void> };
  let telemetry: string;
  beforeAll(async () => {
    dir = await temporaryDirectory('errors');
    telemetry = join(dir.path, 'telemetry');
    await generateTelemetry(telemetry, writeKnownSpend);
  });
  afterAll(() => dir.remove());

  it('exits 3 when the directory does not exist or is a file', async () => {
    const missing = await sightline(['report', join(dir.path, 'nope')]);
    expect(missing).toEqual({
      code: EXIT_NO_DIRECTORY,
      stdout: '',
      stderr: `sightline: telemetry directory ${join(dir.path, 'nope')} does not exist. Run your app with Sightline's file exporter first, or pass the directory.\n`,
    });
    const file = join(dir.path, 'a-file');
    await writeFile(file, 'x');
    expect(await sightline(['diagnose', '0'.repeat(32), file])).toMatchObject({
      code: EXIT_NO_DIRECTORY,
      stderr: `sightline: ${file} is not a directory\n`,
    });
  });

  it('exits 4 on an empty directory, and on one with only empty files', async () => {
    const empty = join(dir.path, 'empty');
    await mkdir(empty);
    expect(await sightline(['report', empty])).toEqual({
      code: EXIT_NO_TELEMETRY,
      stdout: '',
      stderr: `sightline: no telemetry in ${empty}: no non-empty traces*.jsonl file\n`,
    });
    await writeFile(join(empty, 'traces.jsonl'), '');
    expect((await sightline(['report', empty, '--json'])).code).toBe(EXIT_NO_TELEMETRY);
  });

  it('exits 4 when no model call falls after --since', async () => {
    const run = await sightline(['report', telemetry, '--since', '2099-01-01T00:00:00Z']);
    expect(run).toMatchObject({ code: EXIT_NO_TELEMETRY, stdout: '' });
    expect(run.stderr).toBe(`sightline: no model calls since 2099-01-01T00:00:00.000Z in ${telemetry}: 0 spans read\n`);
  });

  it('exits 2 on an unknown tag key in --by, naming it', async () => {
    const run = await sightline(['report', telemetry, '--by', 'team,squad']);
    expect(run).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr: 'sightline: unknown tag key in --by: squad. No model call carries it; use a tag key of your schema, model or provider.\n',
    });
  });

  it('exits 2 on a bad --since, a bad flag, an unknown command or a malformed trace id', async () => {
    expect(await sightline(['report', telemetry, '--since', 'yesterday'])).toMatchObject({
      code: EXIT_USAGE,
      stderr: 'sightline: --since expects a duration (24h, 7d) or an ISO date, not "yesterday"\n',
    });
    expect(await sightline(['report', telemetry, '--cache-window', '5 parsecs'])).toMatchObject({ code: EXIT_USAGE });
    const flag = await sightline(['report', '--bogus']);
    expect(flag.code).toBe(EXIT_USAGE);
    expect(flag.stderr).toMatch(/^sightline: unknown flag "--bogus"\n\nUsage:/);
    expect(await sightline(['reprot'])).toMatchObject({ code: EXIT_USAGE, stderr: expect.stringContaining('unknown command "reprot"') });
    expect(await sightline(['diagnose', 'xyz', telemetry])).toMatchObject({
      code: EXIT_USAGE,
      stderr: 'sightline: "xyz" is not a trace id (32 hex digits)\n',
    });
    expect(await sightline(['diagnose', '0'.repeat(32), telemetry, '--by', 'team'])).toMatchObject({ code: EXIT_USAGE });
  });

  it('exits 5 when the trace is not in the directory', async () => {
    expect(await sightline(['diagnose', 'ab'.repeat(16), telemetry])).toEqual({
      code: EXIT_TRACE_NOT_FOUND,
      stdout: '',
      stderr: `sightline: trace ${'ab'.repeat(16)} is not in ${telemetry}\n`,
    });
  });

  it('prints usage with --help and with no command', async () => {
    for (const argv of [['--help'], []]) {
      const run = await sightline(argv);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage:\n {2}sightline report \[dir\]/);
    }
  });

  it('skips and counts a non-JSON line and a truncated last line, and still reports', async () => {
    const corrupt = join(dir.path, 'corrupt');
    await generateTelemetry(corrupt, writeKnownSpend, { maxFileBytes: 4096 });
    const live = join(corrupt, 'traces.jsonl');
    const lines = (await readFile(live, 'utf8')).trimEnd().split('\n');
    const lastLine = lines.pop()!;
    // A non-JSON line in the middle, and the last export cut off mid-write (no newline).
    await writeFile(live, [...lines, 'this is not json'].join('\n') + '\n');
    await appendFile(live, lastLine.slice(0, Math.floor(lastLine.length / 2)));
    const lost = (JSON.parse(lastLine) as { resourceSpans: { scopeSpans: { spans: unknown[] }[] }[] }).resourceSpans
      .flatMap((group) => group.scopeSpans)
      .flatMap((scope) => scope.spans).length;

    const run = await sightline(['report', corrupt, '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.input.skippedLines).toBe(2);
    expect(report.input.skipped).toEqual([
      { file: 'traces.jsonl', line: lines.length + 1, reason: 'not JSON (corrupt or truncated)' },
      { file: 'traces.jsonl', line: lines.length + 2, reason: 'not JSON (corrupt or truncated)' },
    ]);
    expect(report.totals.requests).toBe(24 - lost);
    expect(run.stderr).toBe(
      `sightline: skipped 2 corrupt or truncated lines (traces.jsonl:${lines.length + 1}, traces.jsonl:${lines.length + 2})\n`,
    );
  });

  it('counts a JSON line that is no OTLP request as skipped', async () => {
    const odd = join(dir.path, 'odd');
    await generateTelemetry(odd, writeKnownSpend);
    await appendFile(join(odd, 'traces.jsonl'), '{"hello":"world"}\n[1,2,3]\n');
    const report = JSON.parse((await sightline(['report', odd, '--json'])).stdout) as Report;
    expect(report.input.skipped.map((line) => line.reason)).toEqual(['not an OTLP export request', 'not an OTLP export request']);
    expect(report.totals.requests).toBe(24);
  });
});
