import { ValueType, type Attributes, type HrTime } from '@opentelemetry/api';
import { hrTime } from '@opentelemetry/core';
import {
  AggregationTemporality,
  DataPointType,
  InstrumentType,
  type CollectionResult,
  type DataPoint,
  type Histogram,
  type MetricData,
  type MetricReader,
} from '@opentelemetry/sdk-metrics';
import { createLogger } from '../internal/logger.js';
import type { MetricAccumulator, MetricSeries } from './accumulator.js';
import { METER_NAME } from './meter-name.js';
import type { Series } from './series.js';

const log = createLogger('metrics');

/** What a delta reader saw of one series at its previous collection. */
interface Reported {
  count: number;
  sum: number;
  bucketCounts: number[] | undefined;
  time: HrTime;
}

/**
 * Makes `reader` collect the accumulator's metrics with the SDK's own. The SDK
 * takes extra producers only when a reader is constructed, and `init` is also
 * handed readers that the app built, so the reader's `collect` is wrapped
 * instead; periodic readers, pull readers and tests all go through it. Each
 * reader gets the temporality it asks for: cumulative series as they are, or
 * the change since its last collection (without min and max, which a running
 * total cannot split by interval).
 */
export function attachAccumulator(reader: MetricReader, accumulator: MetricAccumulator): void {
  const collect = reader.collect.bind(reader);
  const reported = new WeakMap<Series, Reported>();
  reader.collect = async (options) => {
    const result = await collect(options);
    try {
      appendMetrics(result, toMetricData(accumulator, reader, reported));
    } catch (error) {
      log.warnOnce('collect', "could not add Sightline's metrics to a collection; the SDK's own metrics are unaffected", error);
    }
    return result;
  };
}

function toMetricData(accumulator: MetricAccumulator, reader: MetricReader, reported: WeakMap<Series, Reported>): MetricData[] {
  const now = hrTime();
  const out: MetricData[] = [];
  for (const metric of accumulator.metrics.values()) {
    const histogram = metric.definition.kind === 'histogram';
    const temporality = reader.selectAggregationTemporality(histogram ? InstrumentType.HISTOGRAM : InstrumentType.COUNTER);
    const points = temporality === AggregationTemporality.DELTA ? deltaPoints(metric, reported, now) : cumulativePoints(metric, now);
    if (points.length === 0) continue;
    const descriptor = {
      name: metric.definition.name,
      description: metric.definition.description,
      unit: metric.definition.unit,
      valueType: ValueType.DOUBLE,
    };
    out.push(
      histogram
        ? {
            descriptor,
            aggregationTemporality: temporality,
            dataPointType: DataPointType.HISTOGRAM,
            dataPoints: points.map(histogramPoint),
          }
        : {
            descriptor,
            aggregationTemporality: temporality,
            dataPointType: DataPointType.SUM,
            isMonotonic: true,
            dataPoints: points.map(sumPoint),
          },
    );
  }
  return out;
}

interface Point {
  attributes: Attributes;
  startTime: HrTime;
  endTime: HrTime;
  count: number;
  sum: number;
  min: number | undefined;
  max: number | undefined;
  bucketCounts: number[] | undefined;
  boundaries: readonly number[];
}

function seriesOf(metric: MetricSeries): Series[] {
  return metric.overflow === undefined ? metric.all : [...metric.all, metric.overflow];
}

function cumulativePoints(metric: MetricSeries, now: HrTime): Point[] {
  return mergeSameAttributes(
    seriesOf(metric).map((series) => ({
      attributes: series.attributes,
      startTime: series.startTime,
      endTime: now,
      count: series.count,
      sum: series.sum,
      min: series.count > 0 ? series.min : undefined,
      max: series.count > 0 ? series.max : undefined,
      bucketCounts: series.bucketCounts?.slice(),
      boundaries: metric.definition.buckets ?? [],
    })),
  );
}

function deltaPoints(metric: MetricSeries, reported: WeakMap<Series, Reported>, now: HrTime): Point[] {
  const points: Point[] = [];
  for (const series of seriesOf(metric)) {
    const last = reported.get(series);
    if (last !== undefined && last.count === series.count) continue;
    points.push({
      attributes: series.attributes,
      startTime: last?.time ?? series.startTime,
      endTime: now,
      count: series.count - (last?.count ?? 0),
      sum: series.sum - (last?.sum ?? 0),
      min: undefined,
      max: undefined,
      bucketCounts: series.bucketCounts?.map((count, index) => count - (last?.bucketCounts?.[index] ?? 0)),
      boundaries: metric.definition.buckets ?? [],
    });
    reported.set(series, { count: series.count, sum: series.sum, bucketCounts: series.bucketCounts?.slice(), time: now });
  }
  return mergeSameAttributes(points);
}

/** Series whose callers listed the same attributes in another order are one series to the backend. */
function mergeSameAttributes(points: Point[]): Point[] {
  if (points.length < 2) return points;
  const byKey = new Map<string, Point>();
  for (const point of points) {
    const key = canonicalKey(point.attributes);
    const into = byKey.get(key);
    if (into === undefined) {
      byKey.set(key, point);
      continue;
    }
    into.count += point.count;
    into.sum += point.sum;
    into.min = combine(into.min, point.min, Math.min);
    into.max = combine(into.max, point.max, Math.max);
    const counts = into.bucketCounts;
    if (counts !== undefined)
      for (let index = 0; index < counts.length; index++) counts[index] = (counts[index] ?? 0) + (point.bucketCounts?.[index] ?? 0);
  }
  return [...byKey.values()];
}

/** The same identity the SDK gives an attribute set: entries sorted by key, values as JSON. */
function canonicalKey(attributes: Attributes): string {
  return JSON.stringify(
    Object.keys(attributes)
      .sort()
      .map((key) => [key, attributes[key]]),
  );
}

function combine(a: number | undefined, b: number | undefined, pick: (x: number, y: number) => number): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : pick(a, b);
}

function histogramPoint(point: Point): DataPoint<Histogram> {
  return {
    attributes: point.attributes,
    startTime: point.startTime,
    endTime: point.endTime,
    value: {
      buckets: { boundaries: [...point.boundaries], counts: point.bucketCounts ?? [] },
      sum: point.sum,
      count: point.count,
      min: point.min,
      max: point.max,
    },
  };
}

function sumPoint(point: Point): DataPoint<number> {
  return { attributes: point.attributes, startTime: point.startTime, endTime: point.endTime, value: point.sum };
}

/** Into the scope of Sightline's meter when the SDK produced one (its health counters), else a scope of their own. */
function appendMetrics(result: CollectionResult, metrics: MetricData[]): void {
  if (metrics.length === 0) return;
  const scopes = result.resourceMetrics.scopeMetrics;
  const own = scopes.find((scope) => scope.scope.name === METER_NAME && scope.scope.version === undefined);
  if (own !== undefined) own.metrics.push(...metrics);
  else scopes.push({ scope: { name: METER_NAME }, metrics });
}
