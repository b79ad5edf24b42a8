/**
 * Capped exponential backoff between tries of a GPU tool, shared by the
 * streaming nvidia-smi (restarts) and the polled rocm-smi (retries): the
 * initial delay, doubled per failure in a row, up to the cap.
 */
export class RestartBackoff {
  private failures = 0;

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
  ) {}

  /** Counts one more failure and returns the delay before the next try. */
  next(): number {
    const delayMs = Math.min(this.initialMs * 2 ** this.failures, this.maxMs);
    this.failures++;
    return delayMs;
  }

  /** The tool is healthy again: the next failure waits the initial delay. */
  reset(): void {
    this.failures = 0;
  }

  /** Whether the last try failed (and a retry is pending). */
  get failing(): boolean {
    return this.failures > 0;
  }
}
