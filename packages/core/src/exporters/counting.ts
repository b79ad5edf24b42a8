import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { REASON_EXPORT_FAILED } from '../semconv.js';
import { createLogger } from '../internal/logger.js';
import type { Signal } from '../metrics/dropped.js';
import { reportExportFailure } from './export-failure.js';

const log = createLogger('exporter');

function counted(signal: Signal, items: number, done: (result: ExportResult) => void) {
  return (result: ExportResult): void => {
    if (result.code === ExportResultCode.SUCCESS) return done(result);
    done(
      reportExportFailure(log, signal, REASON_EXPORT_FAILED, items, result.error, `an exporter failed to send ${signal}; they are dropped`),
    );
  };
}

/** Wraps a network exporter so that failed exports are counted, not just logged by the SDK. */
export function countingSpanExporter(inner: SpanExporter): SpanExporter {
  return {
    export: (spans: ReadableSpan[], done) => inner.export(spans, counted('traces', spans.length, done)),
    forceFlush: () => inner.forceFlush?.() ?? Promise.resolve(),
    shutdown: () => inner.shutdown(),
  };
}

export function countingLogExporter(inner: LogRecordExporter): LogRecordExporter {
  return {
    export: (records: ReadableLogRecord[], done) => inner.export(records, counted('logs', records.length, done)),
    forceFlush: () => inner.forceFlush?.() ?? Promise.resolve(),
    shutdown: () => inner.shutdown(),
  };
}

export function countingMetricExporter(inner: PushMetricExporter): PushMetricExporter {
  return {
    export: (metrics: ResourceMetrics, done) =>
      inner.export(
        metrics,
        counted(
          'metrics',
          metrics.scopeMetrics.reduce((n, s) => n + s.metrics.length, 0),
          done,
        ),
      ),
    forceFlush: () => inner.forceFlush(),
    shutdown: () => inner.shutdown(),
    selectAggregationTemporality: inner.selectAggregationTemporality?.bind(inner),
    selectAggregation: inner.selectAggregation?.bind(inner),
  };
}
