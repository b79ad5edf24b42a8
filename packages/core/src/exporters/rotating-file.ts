import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { telemetryFileName } from './file-layout.js';

/**
 * An append-only file that rotates by size: `<signal>.jsonl` is the live file and
 * `<signal>.1.jsonl` … `<signal>.N.jsonl` the older ones (file-layout.ts). Writes go
 * through `fs/promises` one at a time, so the event loop never blocks on disk
 * and lines never interleave.
 */
export class RotatingFile {
  private size: number | undefined;
  private tail: Promise<void> = Promise.resolve();

  readonly path: string;

  constructor(
    private readonly dir: string,
    private readonly signal: string,
    private readonly maxBytes: number,
    private readonly maxFiles: number,
  ) {
    this.path = join(dir, telemetryFileName(signal));
  }

  /** Queues `text` for appending; the promise settles when it is on disk (or failed). */
  append(text: string): Promise<void> {
    const write = this.tail.then(() => this.write(text));
    this.tail = write.catch(() => undefined);
    return write;
  }

  /** Resolves once every queued write has settled. */
  idle(): Promise<void> {
    return this.tail;
  }

  private async write(text: string): Promise<void> {
    const bytes = Buffer.byteLength(text);
    if (this.size === undefined) {
      await mkdir(dirname(this.path), { recursive: true });
      this.size = await stat(this.path).then(
        (info) => info.size,
        () => 0,
      );
    }
    if (this.size > 0 && this.size + bytes > this.maxBytes) await this.rotate();
    await appendFile(this.path, text).catch(async (error: NodeJS.ErrnoException) => {
      // The directory was removed while the app ran (a cleanup job, `rm -rf .sightline`): recreate it once.
      if (error.code !== 'ENOENT') throw error;
      await mkdir(dirname(this.path), { recursive: true });
      this.size = 0;
      await appendFile(this.path, text);
    });
    this.size += bytes;
  }

  private async rotate(): Promise<void> {
    for (let index = this.maxFiles - 1; index >= 1; index--) {
      await rename(this.rotated(index), this.rotated(index + 1)).catch(ignoreMissing);
    }
    if (this.maxFiles >= 1) await rename(this.path, this.rotated(1)).catch(ignoreMissing);
    this.size = 0;
  }

  private rotated(index: number): string {
    return join(this.dir, telemetryFileName(this.signal, index));
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
