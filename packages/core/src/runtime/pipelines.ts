import { logs } from '@opentelemetry/api-logs';
import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import { LoggerProvider, type LogRecordProcessor } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader, type MetricReader } from '@opentelemetry/sdk-metrics';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startPrometheusEndpoint } from '../exporters/prometheus/index.js';
import { selectExporters } from '../exporters/select-exporters.js';
import { MetricAccumulator } from '../metrics/accumulator.js';
import { attachAccumulator } from '../metrics/accumulator-reader.js';
import { observeOn } from '../metrics/internal-counters.js';
import { sightlineMetricsView } from '../metrics/tag-view.js';
import { BatchingLogProcessor, BatchingSpanProcessor } from '../processors/batching-processors.js';
import { TagStampingLogProcessor } from '../processors/tag-log-processor.js';
import { TagStampingSpanProcessor } from '../processors/tag-span-processor.js';
import { TagsBaggagePropagator } from '../tags/tags-propagator.js';
import type { InitOptions, TagSchema } from '../types.js';
import { globalSlot } from './global-slot.js';

export interface Pipelines {
  tracerProvider: NodeTracerProvider;
  meterProvider: MeterProvider;
  loggerProvider: LoggerProvider;
  /** Sightline's own instruments, aggregated outside the SDK and collected by every reader above. */
  metricAccumulator: MetricAccumulator;
  fileDir: string | undefined;
}

const DEFAULT_METRIC_INTERVAL_MS = 10_000;

/** Builds the three providers with stamping first and every selected exporter after it. */
export function buildPipelines(options: InitOptions<TagSchema>, resource: Resource): Pipelines {
  const exporters = selectExporters(options.exporters);
  const extra = options.pipelines ?? {};
  const runtimeOf = () => globalSlot().tagRuntime;

  const spanProcessors: SpanProcessor[] = [
    new TagStampingSpanProcessor(runtimeOf),
    ...exporters.spans.map((exporter) => new BatchingSpanProcessor(exporter)),
    ...(extra.spanProcessors ?? []),
  ];
  const interval = options.metricExportIntervalMs ?? DEFAULT_METRIC_INTERVAL_MS;
  const readers: MetricReader[] = [
    ...exporters.metrics.map(
      (exporter) => new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: interval, exportTimeoutMillis: Math.min(interval, 30_000) }),
    ),
    ...(extra.metricReaders ?? []),
  ];
  const prometheus = options.exporters?.prometheus;
  if (prometheus) readers.push(startPrometheusEndpoint(prometheus === true ? {} : prometheus).reader);
  const metricAccumulator = new MetricAccumulator();
  for (const reader of readers) attachAccumulator(reader, metricAccumulator);
  const logProcessors: LogRecordProcessor[] = [
    new TagStampingLogProcessor(runtimeOf),
    ...exporters.logs.map((exporter) => new BatchingLogProcessor(exporter)),
    ...(extra.logRecordProcessors ?? []),
  ];

  return {
    tracerProvider: new NodeTracerProvider({ resource, spanProcessors }),
    meterProvider: new MeterProvider({ resource, readers, views: [sightlineMetricsView()] }),
    loggerProvider: new LoggerProvider({ resource, processors: logProcessors }),
    metricAccumulator,
    fileDir: exporters.fileDir,
  };
}

/** Makes the providers global. The propagator carries trace context, baggage, and the tags. */
export function registerPipelines(pipelines: Pipelines): void {
  pipelines.tracerProvider.register({
    contextManager: new AsyncLocalStorageContextManager(),
    propagator: new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator(), new TagsBaggagePropagator()],
    }),
  });
  metrics.setGlobalMeterProvider(pipelines.meterProvider);
  logs.setGlobalLoggerProvider(pipelines.loggerProvider);
  observeOn(pipelines.meterProvider);
}

/** Removes everything `registerPipelines` made global, so a later `init` starts clean. */
export function unregisterPipelines(): void {
  trace.disable();
  context.disable();
  propagation.disable();
  metrics.disable();
  logs.disable();
}
