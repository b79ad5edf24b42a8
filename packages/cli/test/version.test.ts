import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sightline, temporaryDirectory } from './support/run-cli.js';

const packageDir = join(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string; bin: { sightline: string } };

describe('sightline --version', () => {
  let elsewhere: { path: string; remove(): Promise<void> };
  beforeAll(async () => {
    elsewhere = await temporaryDirectory('version');
  });
  afterAll(() => elsewhere.remove());

  it('prints the package.json version, alone, on stdout', async () => {
    expect(await sightline(['--version'])).toEqual({ code: 0, stdout: `${manifest.version}\n`, stderr: '' });
    // A command beside it does not run: --version answers first, as --help does.
    expect((await sightline(['report', '/nonexistent', '--version'])).stdout).toBe(`${manifest.version}\n`);
  });

  // The built files (pnpm build, which `pnpm test` runs first), started from another directory,
  // so nothing can come from the working directory's package.json.
  it.each([manifest.bin.sightline, 'dist/bin.cjs'])('works from the built %s', (file) => {
    const stdout = execFileSync(process.execPath, [join(packageDir, file), '--version'], { cwd: elsewhere.path, encoding: 'utf8' });
    expect(stdout).toBe(`${manifest.version}\n`);
  });

  it('works through a symlinked bin, as npm installs it', () => {
    const link = join(elsewhere.path, 'sightline');
    symlinkSync(join(packageDir, manifest.bin.sightline), link);
    expect(execFileSync(link, ['--version'], { cwd: elsewhere.path, encoding: 'utf8' })).toBe(`${manifest.version}\n`);
  });
});
