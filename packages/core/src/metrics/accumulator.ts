import type { Attributes } from '@opentelemetry/api';
import { hrTime } from '@opentelemetry/core';
import { createLogger } from '../internal/logger.js';
import { countDropped } from './dropped.js';
import { REASON_TOO_MANY_ENTRIES } from '../semconv.js';
import type { TagFrame } from '../tags/tag-runtime.js';
import type { MetricDefinition } from './definitions.js';
import { MAX_SERIES_PER_METRIC, OVERFLOW_ATTRIBUTES } from './internal-counters.js';
import { addToSeries, createSeries, SeriesIndex, type Series } from './series.js';

const log = createLogger('metrics');

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

  /**
   * Adds `value` to its series and returns the value's full, stamped attributes: the series'
   * own, or, for a value folded into the overflow series, its tags and attributes as given
   * (budgets and exemplars still need to know whose value it was).
   */
  record(definition: MetricDefinition, value: number, frame: TagFrame, attributes: Attributes): Attributes {
    let metric = this.metrics.get(definition.name);
    if (metric === undefined) {
      metric = { definition, byFrame: new Map(), all: [], overflow: undefined };
      this.metrics.set(definition.name, metric);
    }
    const index = this.indexFor(metric, frame);
    const series =
      index?.get(attributes) ?? (index === undefined || isFull(metric) ? undefined : addSeries(metric, index, frame, attributes));
    if (series === undefined) {
      addToSeries(this.overflowOf(metric), definition.buckets, value);
      return stampedAttributes(frame, attributes);
    }
    addToSeries(series, definition.buckets, value);
    return series.attributes;
  }

  /** The frame's index; none is made for a new tag set once the metric is full. */
  private indexFor(metric: MetricSeries, frame: TagFrame): SeriesIndex | undefined {
    let index = metric.byFrame.get(frame.seriesKey);
    if (index === undefined && !isFull(metric)) {
      index = new SeriesIndex();
      metric.byFrame.set(frame.seriesKey, index);
    }
    return index;
  }

  private overflowOf(metric: MetricSeries): Series {
    log.warnOnce(
      `series:${metric.definition.name}`,
      `${metric.definition.name} has reached ${MAX_SERIES_PER_METRIC} series; ` +
        'further attribute sets are folded into one otel.metric.overflow series',
    );
    countDropped('metrics', REASON_TOO_MANY_ENTRIES, 1);
    metric.overflow ??= createSeries(metric.definition, OVERFLOW_ATTRIBUTES, hrTime());
    return metric.overflow;
  }
}

function addSeries(metric: MetricSeries, index: SeriesIndex, frame: TagFrame, attributes: Attributes): Series {
  const series = createSeries(metric.definition, stampedAttributes(frame, attributes), hrTime());
  index.set(attributes, series);
  metric.all.push(series);
  return series;
}

/** As the SDK counts its limit: the overflow series is one of the 2,000. */
function isFull(metric: MetricSeries): boolean {
  return metric.all.length >= MAX_SERIES_PER_METRIC - 1;
}

/**
 * The tags, then the caller's attributes over them; an attribute the caller left undefined
 * is left out rather than erasing a tag of the same name.
 */
export function stampedAttributes(frame: TagFrame, attributes: Attributes): Attributes {
  const stamped: Attributes = Object.assign({}, frame.metrics.attributes);
  for (const name in attributes) {
    const value = attributes[name];
    if (value !== undefined) stamped[name] = value;
  }
  return Object.freeze(stamped);
}
