import type { CliIo } from '../types.js';

/** Below this, reading is quick enough that a progress line would only flicker. */
const MIN_BYTES_FOR_PROGRESS = 8 * 1024 * 1024;
const REFRESH_MS = 200;

export interface Progress {
  update(bytesRead: number, totalBytes: number): void;
  done(): void;
}

/**
 * A single self-overwriting line on stderr, only when stderr is a terminal
 * (never in pipes, files or CI logs) and the input is large.
 */
export function createProgress(stderr: CliIo['stderr'], label: string, now: () => number = Date.now): Progress | undefined {
  if (!stderr.isTTY) return undefined;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(bytesRead, totalBytes) {
      if (totalBytes < MIN_BYTES_FOR_PROGRESS) return;
      const time = now();
      if (time - lastDraw < REFRESH_MS && bytesRead < totalBytes) return;
      lastDraw = time;
      drawn = true;
      const share = totalBytes > 0 ? Math.min(1, bytesRead / totalBytes) : 1;
      stderr.write(`\r${label} ${mib(bytesRead)} / ${mib(totalBytes)} MiB (${Math.floor(share * 100)}%)\u001b[K`);
    },
    done() {
      if (drawn) stderr.write('\r\u001b[K');
    },
  };
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
