import type { Attributes, HrTime } from '@opentelemetry/api';
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
 * Finds series by the caller's attributes without building a key per record: a
 * tree of maps, one level per attribute name and one per value, in the order the
 * caller listed them. Primitive values are map keys themselves (so `1` and `"1"`
 * stay apart); arrays are keyed by their JSON. Two objects with the same entries
 * in another order reach different leaves, and so separate series, which
 * collection merges by their full attributes.
 */
export class SeriesIndex {
  private readonly root = new Map<unknown, unknown>();
  /**
   * Frozen attribute objects by identity: a caller that freezes its label sets (the LangChain
   * handler keeps one per model) reuses them, so one lookup finds the series.
   */
  private readonly byObject = new WeakMap<Attributes, Series>();

  get(attributes: Attributes): Series | undefined {
    const known = this.byObject.get(attributes);
    if (known !== undefined) return known;
    const found = this.walk(attributes);
    if (found !== undefined && Object.isFrozen(attributes)) this.byObject.set(attributes, found);
    return found;
  }

  private walk(attributes: Attributes): Series | undefined {
    let node: Map<unknown, unknown> | undefined = this.root;
    for (const name in attributes) {
      const value = attributes[name];
      if (value === undefined) continue;
      node = (node.get(name) as Map<unknown, unknown> | undefined)?.get(valueKey(value)) as Map<unknown, unknown> | undefined;
      if (node === undefined) return undefined;
    }
    return node.get(LEAF) as Series | undefined;
  }

  set(attributes: Attributes, series: Series): void {
    let node = this.root;
    for (const name in attributes) {
      const value = attributes[name];
      if (value === undefined) continue;
      node = child(child(node, name), valueKey(value));
    }
    node.set(LEAF, series);
    if (Object.isFrozen(attributes)) this.byObject.set(attributes, series);
  }
}

const LEAF = Symbol('series');

// API 1.10 admits null attribute values; they key like any JSON value.
function valueKey(value: Exclude<Attributes[string], undefined>): unknown {
  return typeof value === 'object' ? `\u0000${JSON.stringify(value)}` : value;
}

function child(node: Map<unknown, unknown>, key: unknown): Map<unknown, unknown> {
  let next = node.get(key) as Map<unknown, unknown> | undefined;
  if (next === undefined) {
    next = new Map();
    node.set(key, next);
  }
  return next;
}

/** Index of the bucket whose upper bound (inclusive, as in Prometheus `le`) is the first ≥ value. */
export function bucketIndex(boundaries: readonly number[], value: number): number {
  let low = 0;
  let high = boundaries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((boundaries[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
