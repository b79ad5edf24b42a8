import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/index.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command in-process, capturing what it writes. */
export async function sightline(argv: string[], options: { now?: number; tty?: boolean; cwd?: string } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty ?? false },
    now: options.now === undefined ? undefined : () => options.now!,
    cwd: options.cwd,
  });
  return { code, stdout, stderr };
}

export async function temporaryDirectory(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `sightline-cli-${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
