import type { Attributes } from '@opentelemetry/api';
import { init, type InitOptions, type Sightline, type TagSchema } from '@sightline/core';
import { InMemoryLogRecordExporter, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { AggregationTemporality, MetricReader, type DataPoint, type MetricData } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace';

/** A reader the test pulls from, instead of a timer. */
class PullMetricReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export interface MetricPoint {
  attributes: Attributes;
  /** A number for sums and gauges; `{ sum, count, min, max, buckets }` for histograms. */
  value: DataPoint<unknown>['value'];
}

export interface TestTelemetry<S extends TagSchema> {
  obs: Sightline<S>;
  /** Finished spans so far (forces nothing: Simple processors export on end). */
  spans(): ReadableSpan[];
  logs(): ReadableLogRecord[];
  /** Collects now and returns every metric by name. */
  metrics(): Promise<Map<string, MetricData>>;
  /** The data points of one metric (empty when it was never recorded). */
  points(name: string): Promise<MetricPoint[]>;
  /** Forgets finished spans and logs. */
  reset(): void;
  shutdown(): Promise<void>;
}

/**
 * One call for an in-memory Sightline: spans, metrics and logs land in memory
 * (the file exporter is off unless the options turn it on). Call `shutdown()`
 * in `afterEach`, so the next test can `init` afresh.
 */
export function setupTestTelemetry<S extends TagSchema>(options: InitOptions<S> = {}): TestTelemetry<S> {
  const spanExporter = new InMemorySpanExporter();
  const logExporter = new InMemoryLogRecordExporter();
  const reader = new PullMetricReader();
  const obs = init<S>({
    serviceName: 'sightline-test',
    serviceVersion: '0.0.0-test',
    ...options,
    exporters: { file: false, ...options.exporters },
    pipelines: {
      ...options.pipelines,
      spanProcessors: [new SimpleSpanProcessor({ exporter: spanExporter }), ...(options.pipelines?.spanProcessors ?? [])],
      metricReaders: [reader, ...(options.pipelines?.metricReaders ?? [])],
      logRecordProcessors: [new SimpleLogRecordProcessor({ exporter: logExporter }), ...(options.pipelines?.logRecordProcessors ?? [])],
    },
  });

  const metrics = async (): Promise<Map<string, MetricData>> => {
    const { resourceMetrics } = await reader.collect();
    const byName = new Map<string, MetricData>();
    for (const scope of resourceMetrics.scopeMetrics) for (const metric of scope.metrics) byName.set(metric.descriptor.name, metric);
    return byName;
  };

  return {
    obs,
    spans: () => spanExporter.getFinishedSpans(),
    logs: () => logExporter.getFinishedLogRecords(),
    metrics,
    async points(name) {
      const metric = (await metrics()).get(name);
      return (metric?.dataPoints ?? []).map((point) => ({ attributes: point.attributes, value: point.value }));
    },
    reset() {
      spanExporter.reset();
      logExporter.reset();
    },
    shutdown: () => obs.shutdown(),
  };
}
