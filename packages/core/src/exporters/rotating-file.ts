import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * An append-only file that rotates by size: `name.jsonl` is the live file and
 * `name.1.jsonl` … `name.N.jsonl` the older ones (1 is the newest). Writes go
 * through `fs/promises` one at a time, so the event loop never blocks on disk
 * and lines never interleave.
 */
export class RotatingFile {
  private size: number | undefined;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly maxBytes: number,
    private readonly maxFiles: number,
  ) {}

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
      this.size = await stat(this.path).then((info) => info.size, () => 0);
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
      await rename(rotatedPath(this.path, index), rotatedPath(this.path, index + 1)).catch(ignoreMissing);
    }
    if (this.maxFiles >= 1) await rename(this.path, rotatedPath(this.path, 1)).catch(ignoreMissing);
    this.size = 0;
  }
}

/** `traces.jsonl` → `traces.3.jsonl`. */
export function rotatedPath(path: string, index: number): string {
  return path.replace(/(\.jsonl)?$/, `.${index}.jsonl`);
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
