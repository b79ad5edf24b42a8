import { createLogger } from '../internal/logger.js';
import { countDropped, type Signal } from '../metrics/dropped.js';
import { REASON_EXPORT_THREW, REASON_QUEUE_FULL, REASON_SHUT_DOWN } from '../semconv.js';

const log = createLogger('batcher');

export interface BatcherOptions {
  signal: Signal;
  /** Items held at most; past this, new items are dropped and counted. */
  maxQueueSize: number;
  maxBatchSize: number;
  /** How long a partial batch waits before it is exported. */
  delayMs: number;
}

/**
 * Buffers items and hands them to `exportBatch` in batches. Unlike the SDK's
 * batch processors, an overflow is never silent: it is counted in
 * `sightline.telemetry.dropped{reason="queue_full"}`. Export is serial, so a
 * slow destination applies back-pressure to the queue and not to the app.
 */
export class BoundedBatcher<T> {
  private queue: T[] = [];
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly exportBatch: (batch: T[]) => Promise<void>,
    private readonly options: BatcherOptions,
  ) {}

  push(item: T): void {
    if (this.closed) {
      countDropped(this.options.signal, REASON_SHUT_DOWN, 1);
      return;
    }
    if (this.queue.length >= this.options.maxQueueSize) {
      countDropped(this.options.signal, REASON_QUEUE_FULL, 1);
      log.warnOnce(`${this.options.signal}:queue-full`, `${this.options.signal} queue is full; items are dropped and counted`);
      return;
    }
    this.queue.push(item);
    if (this.queue.length >= this.options.maxBatchSize) void this.drain();
    else this.timer ??= setTimeout(() => void this.drain(), this.options.delayMs).unref();
  }

  /** Exports everything queued so far, including items queued while it runs. */
  async flush(): Promise<void> {
    while (this.queue.length > 0 || this.draining) await this.drain();
  }

  async shutdown(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private drain(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.draining ??= this.exportAll().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  private async exportAll(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatchSize);
      try {
        await this.exportBatch(batch);
      } catch (error) {
        log.warnOnce(`${this.options.signal}:export-threw`, 'an exporter threw; the batch is counted as dropped', error);
        countDropped(this.options.signal, REASON_EXPORT_THREW, batch.length);
      }
    }
  }
}
