import type { ContextManager, TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import type { LogRecordProcessor } from '@opentelemetry/sdk-logs';
import { PeriodicExportingMetricReader, type MetricReader, type ViewOptions } from '@opentelemetry/sdk-metrics';
import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import { startPrometheusEndpoint } from '../exporters/prometheus/index.js';
import { selectExporters } from '../exporters/select-exporters.js';
import { MetricAccumulator } from '../metrics/accumulator.js';
import { attachAccumulator } from '../metrics/accumulator-reader.js';
import { sightlineMetricsView } from '../metrics/tag-view.js';
import { sightlineContextManager } from '../spans/resolving-context-manager.js';
import { BatchingLogProcessor, BatchingSpanProcessor } from '../processors/batching-processors.js';
import { TagStampingLogProcessor } from '../processors/tag-log-processor.js';
import { RequestSpanProcessor } from '../processors/request-span-processor.js';
import { TagStampingSpanProcessor } from '../processors/tag-span-processor.js';
import { tagSlot } from '../tags/tag-slot.js';
import { TagsBaggagePropagator } from '../tags/tags-propagator.js';
import type { InitOptions, TagSchema } from '../types.js';

/** Exactly the NodeSDK options Sightline contributes, so that the object spreads into `new NodeSDK({...})`. */
export interface SightlineSdkParts {
  spanProcessors: SpanProcessor[];
  metricReaders: MetricReader[];
  views: ViewOptions[];
  logRecordProcessors: LogRecordProcessor[];
  textMapPropagator: TextMapPropagator;
  contextManager: ContextManager;
}

export interface BuiltComponents {
  parts: SightlineSdkParts;
  /** Sightline's own instruments, aggregated outside the SDK and collected by every reader above. */
  metricAccumulator: MetricAccumulator;
  fileDir: string | undefined;
}

const DEFAULT_METRIC_INTERVAL_MS = 10_000;

/** W3C trace context and baggage, plus the tags as baggage entries validated on the way in. */
export function sightlinePropagator(): TextMapPropagator {
  return new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator(), new TagsBaggagePropagator()],
  });
}

/**
 * Everything Sightline adds to a pipeline: tag stamping first, request metrics, then each selected
 * exporter, then the caller's extra processors and readers. Used by `init` (which
 * builds providers around it) and by `sightlineComponents` (whose caller's SDK does).
 */
export function buildComponents(options: InitOptions<TagSchema>): BuiltComponents {
  const exporters = selectExporters(options.exporters);
  const extra = options.pipelines ?? {};
  const runtimeOf = () => tagSlot().tagRuntime;
  const interval = options.metricExportIntervalMs ?? DEFAULT_METRIC_INTERVAL_MS;
  const metricReaders: MetricReader[] = [
    ...exporters.metrics.map(
      (exporter) =>
        new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: interval, exportTimeoutMillis: Math.min(interval, 30_000) }),
    ),
    ...(extra.metricReaders ?? []),
  ];
  const prometheus = options.exporters?.prometheus;
  if (prometheus) metricReaders.push(startPrometheusEndpoint(prometheus === true ? {} : prometheus).reader);
  const metricAccumulator = new MetricAccumulator();
  for (const reader of metricReaders) attachAccumulator(reader, metricAccumulator);
  const parts: SightlineSdkParts = {
    spanProcessors: [
      new TagStampingSpanProcessor(runtimeOf),
      // Before the exporters: a request's metrics are recorded as its root ends, whatever the export does.
      new RequestSpanProcessor(),
      ...exporters.spans.map((exporter) => new BatchingSpanProcessor(exporter)),
      ...(extra.spanProcessors ?? []),
    ],
    metricReaders,
    views: [sightlineMetricsView()],
    logRecordProcessors: [
      new TagStampingLogProcessor(runtimeOf),
      ...exporters.logs.map((exporter) => new BatchingLogProcessor(exporter)),
      ...(extra.logRecordProcessors ?? []),
    ],
    textMapPropagator: sightlinePropagator(),
    // Foreign instrumentations' spans (HTTP, fetch) then nest under the LangChain run they start in.
    contextManager: sightlineContextManager(),
  };
  return { parts, metricAccumulator, fileDir: exporters.fileDir };
}
