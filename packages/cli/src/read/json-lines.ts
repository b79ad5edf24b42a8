import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { TelemetryFile } from './telemetry-files.js';

/** How many skipped lines are listed by position; the rest are only counted. */
const MAX_LISTED_SKIPS = 10;

export interface SkippedLine {
  file: string;
  line: number;
  reason: string;
}

/** What a read saw, shared across the signals of one command. */
export interface ReadStats {
  files: number;
  bytes: number;
  lines: number;
  skippedLines: number;
  skipped: SkippedLine[];
}

export function emptyReadStats(): ReadStats {
  return { files: 0, bytes: 0, lines: 0, skippedLines: 0, skipped: [] };
}

export interface ReadOptions {
  stats: ReadStats;
  /** Called with the bytes read so far in this file set (for progress). */
  onBytes?: (bytes: number) => void;
  /** A cheap test on the raw line; lines it rejects are neither parsed nor counted as skipped. */
  prefilter?: (line: string) => boolean;
  /** Checked after every line: true ends the read early. */
  stopWhen?: () => boolean;
}

/**
 * Streams `files` line by line (readline over a read stream: memory stays at
 * one line, whatever the file size) and hands each parsed line to `visit`. A
 * line that is not JSON (corrupt, or truncated by a crash mid-write), or that
 * `visit` rejects by returning false, is skipped and counted; reading goes on.
 */
export async function forEachJsonLine(
  files: readonly TelemetryFile[],
  visit: (value: unknown) => boolean,
  options: ReadOptions,
): Promise<void> {
  const { stats } = options;
  let bytesBefore = 0;
  for (const file of files) {
    stats.files++;
    const stream = createReadStream(file.path);
    const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
    let lineNumber = 0;
    for await (const line of lines) {
      lineNumber++;
      options.onBytes?.(bytesBefore + stream.bytesRead);
      if (line.length === 0 || (options.prefilter && !options.prefilter(line))) continue;
      stats.lines++;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        skip(stats, file.name, lineNumber, 'not JSON (corrupt or truncated)');
        continue;
      }
      if (!visit(value)) skip(stats, file.name, lineNumber, 'not an OTLP export request');
      if (options.stopWhen?.()) {
        lines.close();
        stream.destroy();
        return;
      }
    }
    bytesBefore += file.size;
    stats.bytes += file.size;
    options.onBytes?.(bytesBefore);
  }
}

function skip(stats: ReadStats, file: string, line: number, reason: string): void {
  stats.skippedLines++;
  if (stats.skipped.length < MAX_LISTED_SKIPS) stats.skipped.push({ file, line, reason });
}
