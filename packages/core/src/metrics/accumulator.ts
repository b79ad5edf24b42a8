import type { Attributes } from '@opentelemetry/api';
import { hrTime } from '@opentelemetry/core';
import { createLogger } from '../internal/logger.js';
import { countDropped } from '../exporters/dropped.js';
import { ATTR_OTEL_METRIC_OVERFLOW, REASON_TOO_MANY_ENTRIES } from '../semconv.js';
import type { TagFrame } from '../tags/tag-runtime.js';
import type { MetricDefinition } from './definitions.js';
import { addToSeries, createSeries, SeriesIndex, type Series } from './series.js';

const log = createLogger('metrics');

/** Like the SDK's default cardinality limit: series past it fold into one overflow series. */
export const MAX_SERIES_PER_METRIC = 2000;
const OVERFLOW_ATTRIBUTES: Attributes = Object.freeze({ [ATTR_OTEL_METRIC_OVERFLOW]: true });

/** Every series of one instrument, found by tag frame, then by the caller's attributes. */
export interface MetricSeries {
  readonly definition: MetricDefinition;
  readonly byFrame: Map<string, SeriesIndex>;
  readonly all: Series[];
  overflow: Series | undefined;
}

/**
 * Sightline's own instruments, aggregated in place. The SDK would sort and
 * JSON-hash the attributes of every measurement to find its series; here a
 * record finds its series through the tag frame's precomputed key and a map per
 * attribute name and value, and the merged attribute object is built
 * once per series. Readers collect the result alongside the SDK's own metrics
 * (see `attachAccumulator`).
 */
export class MetricAccumulator {
  readonly metrics = new Map<string, MetricSeries>();

  /** Adds `value` to its series and returns that series (whose attributes are the full, stamped set). */
  record(definition: MetricDefinition, value: number, frame: TagFrame, attributes: Attributes): Series {
    let metric = this.metrics.get(definition.name);
    if (metric === undefined) {
      metric = { definition, byFrame: new Map(), all: [], overflow: undefined };
      this.metrics.set(definition.name, metric);
    }
    let index = metric.byFrame.get(frame.seriesKey);
    if (index === undefined) {
      index = new SeriesIndex();
      metric.byFrame.set(frame.seriesKey, index);
    }
    const series = index.get(attributes) ?? this.newSeries(metric, index, frame, attributes);
    addToSeries(series, definition.buckets, value);
    return series;
  }

  private newSeries(metric: MetricSeries, index: SeriesIndex, frame: TagFrame, attributes: Attributes): Series {
    if (metric.all.length >= MAX_SERIES_PER_METRIC) {
      log.warnOnce(`series:${metric.definition.name}`, `${metric.definition.name} has more than ${MAX_SERIES_PER_METRIC} series; `
        + 'further attribute sets are folded into one otel.metric.overflow series');
      countDropped('metrics', REASON_TOO_MANY_ENTRIES, 1);
      metric.overflow ??= createSeries(metric.definition, OVERFLOW_ATTRIBUTES, hrTime());
      return metric.overflow;
    }
    // Built key by key: a spread over a frozen frame is several times slower on Node 20's V8.
    const series = createSeries(metric.definition, Object.freeze(Object.assign({}, frame.attributes, attributes)), hrTime());
    index.set(attributes, series);
    metric.all.push(series);
    return series;
  }
}
