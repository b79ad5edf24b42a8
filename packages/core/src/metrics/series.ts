import type { Attributes, HrTime } from '@opentelemetry/api';
import { bucketIndex } from '../exporters/prometheus/exemplar-reservoir.js';
import type { MetricDefinition } from './definitions.js';

/**
 * One time series of a Sightline instrument, accumulated since it first
 * appeared: a histogram's count, sum, min, max and bucket counts, or a
 * counter's sum. `attributes` are the tags and the caller's attributes, merged
 * once when the series is created.
 */
export interface Series {
  readonly attributes: Attributes;
  readonly startTime: HrTime;
  count: number;
  sum: number;
  min: number;
  max: number;
  /** Per bucket (the last one is the overflow above the highest boundary); undefined for counters. */
  readonly bucketCounts: number[] | undefined;
}

export function createSeries(definition: MetricDefinition, attributes: Attributes, startTime: HrTime): Series {
  const bucketCounts = definition.kind === 'histogram' ? new Array<number>((definition.buckets?.length ?? 0) + 1).fill(0) : undefined;
  return { attributes, startTime, count: 0, sum: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, bucketCounts };
}

export function addToSeries(series: Series, boundaries: readonly number[] | undefined, value: number): void {
  series.count += 1;
  series.sum += value;
  if (value < series.min) series.min = value;
  if (value > series.max) series.max = value;
  const counts = series.bucketCounts;
  if (counts !== undefined) {
    const index = bucketIndex(boundaries ?? [], value);
    counts[index] = (counts[index] ?? 0) + 1;
  }
}

/**
 * A key for the caller's attributes, cheap to build per record. Two objects
 * with the same entries in another order get different keys, and so separate
 * series; collection merges those by their full attributes.
 */
export function attributeKey(attributes: Attributes): string {
  let key = '';
  for (const name in attributes) {
    const value = attributes[name];
    if (value === undefined) continue;
    key += typeof value === 'string' ? `${name}\u0001${value}\u0002` : `${name}\u0003${JSON.stringify(value)}\u0002`;
  }
  return key;
}
