import { access, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_USAGE } from '../src/index.js';
import { sightline, temporaryDirectory } from './support/run-cli.js';
import { generateTelemetry } from './support/telemetry-generator.js';

const USAGE_START = '\n\nUsage:\n  sightline report [dir]';

describe('the command line: --html without a file, unknown flags and commands', () => {
  let dir: { path: string; remove(): Promise<void> };
  let telemetry: string;
  beforeAll(async () => {
    dir = await temporaryDirectory('command-line');
    telemetry = join(dir.path, '.sightline');
    await generateTelemetry(telemetry, (generator) => {
      generator.modelCall({
        tags: { team: 'search', feature: 'faq' },
        model: 'gpt-4o',
        inputTokens: 10,
        outputTokens: 5,
        costUsd: 0.5,
        startMs: Date.UTC(2025, 0, 1),
        durationMs: 100,
      });
    });
  });
  afterAll(() => dir.remove());

  /** A fresh working directory per case, so each default-named file is its own. */
  async function workingDirectory(name: string): Promise<string> {
    const cwd = join(dir.path, name);
    await mkdir(cwd);
    return cwd;
  }

  it('--html alone writes ./sightline-report.html, with the default directory too', async () => {
    const cwd = dir.path;
    expect(await sightline(['report', '--html'], { cwd })).toEqual({
      code: 0,
      stdout: '',
      stderr: 'sightline: wrote sightline-report.html\n',
    });
    expect(await readFile(join(cwd, 'sightline-report.html'), 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('--html followed by another flag takes the default file, and that flag still applies', async () => {
    const cwd = await workingDirectory('followed');
    const run = await sightline(['report', telemetry, '--html', '--json', '--by', 'team'], { cwd });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ by: ['team'] });
    await access(join(cwd, 'sightline-report.html'));
    // Flags that take values, after --html, are not swallowed either.
    const cwdBy = await workingDirectory('followed-by');
    expect((await sightline(['report', telemetry, '--html', '--since', '2020-01-01'], { cwd: cwdBy })).code).toBe(0);
    await access(join(cwdBy, 'sightline-report.html'));
  });

  it('--html out.html and --html=out.html still name the file', async () => {
    const cwd = await workingDirectory('named');
    expect(await sightline(['report', '--html', 'out.html', telemetry], { cwd })).toMatchObject({
      code: 0,
      stderr: 'sightline: wrote out.html\n',
    });
    expect(await sightline(['report', telemetry, '--html=other.html'], { cwd })).toMatchObject({
      code: 0,
      stderr: 'sightline: wrote other.html\n',
    });
    await Promise.all(['out.html', 'other.html'].map((file) => access(join(cwd, file))));
    await expect(access(join(cwd, 'sightline-report.html'))).rejects.toThrow();
    expect(await sightline(['report', telemetry, '--html='], { cwd })).toMatchObject({ code: EXIT_USAGE });
  });

  it('--html with an existing directory writes the page into it under the default name', async () => {
    const cwd = await workingDirectory('into-directory');
    await mkdir(join(cwd, 'pages'));
    expect(await sightline(['report', telemetry, '--html', 'pages'], { cwd })).toMatchObject({
      code: 0,
      stderr: `sightline: wrote ${join('pages', 'sightline-report.html')}\n`,
    });
    expect(await readFile(join(cwd, 'pages', 'sightline-report.html'), 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('an unknown flag is named, followed by the usage, exit 2, nothing on stdout', async () => {
    const run = await sightline(['report', telemetry, '--bogus']);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stdout).toBe('');
    expect(run.stderr.startsWith(`sightline: unknown flag "--bogus"${USAGE_START}`)).toBe(true);
    // Every unknown flag at once, short ones and --name=value forms included, and one right after --html.
    const several = await sightline(['report', '--html', '--colour=always', '-x', '--by', 'team']);
    expect(several).toMatchObject({ code: EXIT_USAGE, stdout: '' });
    expect(several.stderr.startsWith(`sightline: unknown flags "--colour", "-x"${USAGE_START}`)).toBe(true);
    expect((await sightline(['diagnose', '0'.repeat(32), '--verbose'])).stderr).toMatch(/^sightline: unknown flag "--verbose"\n\nUsage:/);
  });

  it('an unknown command or a flag given a value it cannot take is a usage error too', async () => {
    const command = await sightline(['reprot']);
    expect(command).toMatchObject({ code: EXIT_USAGE, stdout: '' });
    expect(command.stderr.startsWith(`sightline: unknown command "reprot"${USAGE_START}`)).toBe(true);
    const value = await sightline(['report', '--json=yes']);
    expect(value).toMatchObject({
      code: EXIT_USAGE,
      stderr: expect.stringMatching(/^sightline: Option '--json' does not take an argument\n\nUsage:/),
    });
  });
});
