import { createLogger } from '@sightline/core/instrumentation';
import type { Evaluator } from './types.js';

const log = createLogger('evaluation');

const DEFAULT_CONCURRENCY = 2;

/**
 * One evaluator's bounded FIFO with bounded concurrency. `offer` never blocks:
 * when the queue is full it refuses and the caller counts the drop. The jobs
 * themselves are run by `run`, which must never reject.
 */
export class EvaluationLane<Job> {
  private queue: (Job | undefined)[] = [];
  private head = 0;
  private active = 0;
  readonly concurrency: number;
  private readonly sampleRate: number;
  private readonly sampleOnError: boolean;

  constructor(
    readonly evaluator: Evaluator,
    private readonly maxQueueSize: number,
    private readonly run: (job: Job) => Promise<void>,
    private readonly onSettled: () => void,
  ) {
    this.concurrency = positiveInteger(evaluator.concurrency, DEFAULT_CONCURRENCY);
    this.sampleRate = rate(evaluator);
    this.sampleOnError = evaluator.sampleOnError !== false;
  }

  get queued(): number {
    return this.queue.length - this.head;
  }

  get running(): number {
    return this.active;
  }

  samples(failed: boolean): boolean {
    if (failed && this.sampleOnError) return true;
    return this.sampleRate >= 1 || (this.sampleRate > 0 && Math.random() < this.sampleRate);
  }

  offer(job: Job): boolean {
    if (this.queued >= this.maxQueueSize) return false;
    this.queue.push(job);
    this.pump();
    return true;
  }

  /** Empties the queue without running it; returns how many jobs were waiting. */
  discard(): number {
    const count = this.queued;
    this.queue = [];
    this.head = 0;
    return count;
  }

  private pump(): void {
    while (this.active < this.concurrency && this.queued > 0) {
      const job = this.queue[this.head] as Job;
      this.queue[this.head++] = undefined; // release the content as soon as the job starts
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      this.active++;
      void this.run(job).finally(() => {
        this.active--;
        this.pump();
        this.onSettled();
      });
    }
  }
}

function positiveInteger(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

function rate(evaluator: Evaluator): number {
  const value = evaluator.sampleRate;
  if (value === undefined) return 1;
  if (typeof value !== 'number' || Number.isNaN(value)) {
    log.warnOnce(`sample-rate:${evaluator.name}`, `${evaluator.name}: sampleRate must be a number 0..1; using 1`);
    return 1;
  }
  return Math.min(1, Math.max(0, value));
}
