import { context as contextApi } from '@opentelemetry/api';
import { ExportResultCode, suppressTracing, type ExportResult } from '@opentelemetry/core';
import { JsonLogsSerializer, JsonMetricsSerializer, JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { AggregationTemporality, type PushMetricExporter, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { createLogger } from '../internal/logger.js';
import { REASON_SERIALIZE_FAILED, REASON_WRITE_FAILED } from '../semconv.js';
import type { Signal } from '../metrics/dropped.js';
import { reportExportFailure } from './export-failure.js';
import { RotatingFile } from './rotating-file.js';

const log = createLogger('file-exporter');
const decoder = new TextDecoder();

export interface FileTarget {
  dir: string;
  maxFileBytes: number;
  maxFiles: number;
}

/**
 * Writes one OTLP/JSON export request per line: the OTLP file-exporter format
 * that the OpenTelemetry Collector and Alloy read back. A failed write is
 * counted in `sightline.telemetry.dropped{reason="write_failed"}` and warned about
 * once per cause (export-failure.ts); it never throws. The
 * three signals differ only in their serializer and in what counts as an item.
 */
abstract class JsonLinesExporter<T> {
  private readonly file: RotatingFile;
  private stopped = false;

  constructor(
    private readonly signal: Signal,
    target: FileTarget,
    private readonly serialize: (items: T) => Uint8Array | undefined,
    private readonly countItems: (items: T) => number,
  ) {
    this.file = new RotatingFile(target.dir, signal, target.maxFileBytes, target.maxFiles);
  }

  export(items: T, done: (result: ExportResult) => void): void {
    if (this.stopped) {
      done({ code: ExportResultCode.FAILED, error: new Error('file exporter is shut down') });
      return;
    }
    contextApi.with(suppressTracing(contextApi.active()), () => {
      let line: string;
      try {
        const bytes = this.serialize(items);
        if (bytes === undefined) throw new Error('serializer returned nothing');
        line = decoder.decode(bytes) + '\n';
      } catch (error) {
        this.fail(REASON_SERIALIZE_FAILED, items, error, done);
        return;
      }
      this.file.append(line).then(
        () => done({ code: ExportResultCode.SUCCESS }),
        (error: unknown) => this.fail(REASON_WRITE_FAILED, items, error, done),
      );
    });
  }

  forceFlush(): Promise<void> {
    return this.file.idle();
  }

  async shutdown(): Promise<void> {
    await this.file.idle();
    this.stopped = true;
  }

  private fail(reason: string, items: T, error: unknown, done: (result: ExportResult) => void): void {
    done(
      reportExportFailure(
        log,
        this.signal,
        reason,
        this.countItems(items),
        error,
        `could not write ${this.signal} to ${this.file.path}; they are dropped`,
      ),
    );
  }
}

export class FileSpanExporter extends JsonLinesExporter<ReadableSpan[]> implements SpanExporter {
  constructor(target: FileTarget) {
    super(
      'traces',
      target,
      (spans) => JsonTraceSerializer.serializeRequest(spans),
      (spans) => spans.length,
    );
  }
}

export class FileLogExporter extends JsonLinesExporter<ReadableLogRecord[]> implements LogRecordExporter {
  constructor(target: FileTarget) {
    super(
      'logs',
      target,
      (records) => JsonLogsSerializer.serializeRequest(records),
      (records) => records.length,
    );
  }
}

export class FileMetricExporter extends JsonLinesExporter<ResourceMetrics> implements PushMetricExporter {
  constructor(target: FileTarget) {
    super('metrics', target, (metrics) => JsonMetricsSerializer.serializeRequest(metrics), countDataPoints);
  }
  selectAggregationTemporality(): AggregationTemporality {
    return AggregationTemporality.CUMULATIVE;
  }
}

function countDataPoints(metrics: ResourceMetrics): number {
  let points = 0;
  for (const scope of metrics.scopeMetrics) for (const metric of scope.metrics) points += metric.dataPoints.length;
  return points;
}
