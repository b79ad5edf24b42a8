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

interface BatchExporter<T> {
  export: ExportFn<T>;
  forceFlush?(): Promise<void>;
  shutdown(): Promise<void>;
}

/** The batcher and exporter of one signal, and the flush and shutdown that spans and logs share. */
abstract class BatchingProcessor<T> {
  protected readonly batcher: BoundedBatcher<T>;

  constructor(
    private readonly exporter: BatchExporter<T>,
    signal: 'traces' | 'logs',
  ) {
    this.batcher = new BoundedBatcher(
      promiseExport((items, done) => exporter.export(items, done)),
      { signal, ...BATCH },
    );
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

export class BatchingSpanProcessor extends BatchingProcessor<ReadableSpan> implements SpanProcessor {
  constructor(exporter: SpanExporter) {
    super(exporter, 'traces');
  }

  onStart(_span: Span, _context: Context): void {}

  onEnd(span: ReadableSpan): void {
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    this.batcher.push(span);
  }
}

export class BatchingLogProcessor extends BatchingProcessor<ReadableLogRecord> implements LogRecordProcessor {
  constructor(exporter: LogRecordExporter) {
    super(exporter, 'logs');
  }

  onEmit(record: SdkLogRecord): void {
    this.batcher.push(record);
  }
}
