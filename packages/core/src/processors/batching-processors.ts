import { TraceFlags, type Context } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { LogRecordExporter, LogRecordProcessor, ReadableLogRecord, SdkLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan, Span, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace';
import { BoundedBatcher } from './bounded-batcher.js';

const BATCH = { maxQueueSize: 65_536, maxBatchSize: 2_048, delayMs: 1_000 };

type ExportFn<T> = (items: T[], done: (result: ExportResult) => void) => void;

/** Adapts a callback-style exporter; failures are already counted by the exporter itself. */
function promiseExport<T>(exportItems: ExportFn<T>): (batch: T[]) => Promise<void> {
  return (batch) => new Promise<void>((resolve) => exportItems(batch, () => resolve()));
}

export class BatchingSpanProcessor implements SpanProcessor {
  private readonly batcher: BoundedBatcher<ReadableSpan>;

  constructor(private readonly exporter: SpanExporter) {
    this.batcher = new BoundedBatcher(promiseExport((spans, done) => exporter.export(spans, done)), {
      signal: 'traces',
      ...BATCH,
    });
  }
  onStart(_span: Span, _context: Context): void {}
  onEnd(span: ReadableSpan): void {
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    this.batcher.push(span);
  }
  async forceFlush(): Promise<void> {
    await this.batcher.flush();
    await this.exporter.forceFlush?.();
  }
  async shutdown(): Promise<void> {
    await this.batcher.shutdown();
    await this.exporter.shutdown();
  }
}

export class BatchingLogProcessor implements LogRecordProcessor {
  private readonly batcher: BoundedBatcher<ReadableLogRecord>;

  constructor(private readonly exporter: LogRecordExporter) {
    this.batcher = new BoundedBatcher(promiseExport((records, done) => exporter.export(records, done)), {
      signal: 'logs',
      ...BATCH,
    });
  }
  onEmit(record: SdkLogRecord): void {
    this.batcher.push(record);
  }
  async forceFlush(): Promise<void> {
    await this.batcher.flush();
    await this.exporter.forceFlush?.();
  }
  async shutdown(): Promise<void> {
    await this.batcher.shutdown();
    await this.exporter.shutdown();
  }
}
