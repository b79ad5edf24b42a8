import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { telemetryFileRotation } from '@sightline/core';
import { CliError, EXIT_NO_DIRECTORY } from '../cli/errors.js';

export type Signal = 'traces' | 'metrics' | 'logs';

export interface TelemetryFile {
  name: string;
  path: string;
  size: number;
}

/** Throws a CliError with EXIT_NO_DIRECTORY unless `dir` is a readable directory. */
export async function assertTelemetryDirectory(dir: string): Promise<void> {
  const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'ENOENT' ? 'does not exist' : `cannot be read (${error.code ?? error.message})`;
    throw new CliError(
      `telemetry directory ${dir} ${why}. Run your app with Sightline's file exporter first, or pass the directory.`,
      EXIT_NO_DIRECTORY,
    );
  });
  if (!info.isDirectory()) throw new CliError(`${dir} is not a directory`, EXIT_NO_DIRECTORY);
}

/**
 * The files of one signal: those of `dir`, then those of each subdirectory one
 * level down (by name), where other processes of the app write their own
 * telemetry (each process rotates its own files, so they must not share them).
 * Within a directory, in the order written: the rotated files from the oldest
 * (`traces.5.jsonl`) to the newest (`traces.1.jsonl`), then the live `traces.jsonl`.
 */
export async function listSignalFiles(dir: string, signal: Signal): Promise<TelemetryFile[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new CliError(`cannot list ${dir}: ${(error as Error).message}`, EXIT_NO_DIRECTORY);
  }
  const files = await signalFilesIn(
    dir,
    entries.map((entry) => entry.name),
    signal,
  );
  const subdirectories = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const name of subdirectories) {
    const subdirectory = join(dir, name);
    const names = await readdir(subdirectory).catch(() => [] as string[]);
    files.push(...(await signalFilesIn(subdirectory, names, signal)).map((file) => ({ ...file, name: join(name, file.name) })));
  }
  return files;
}

async function signalFilesIn(dir: string, names: readonly string[], signal: Signal): Promise<TelemetryFile[]> {
  const matched = names
    .map((name) => {
      const age = telemetryFileRotation(signal, name);
      return age === undefined ? undefined : { name, age };
    })
    .filter((entry): entry is { name: string; age: number } => entry !== undefined)
    .sort((a, b) => b.age - a.age);
  const files: TelemetryFile[] = [];
  for (const { name } of matched) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile()) files.push({ name, path, size: info.size });
  }
  return files;
}
