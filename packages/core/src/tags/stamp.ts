import type { TagValue } from './tag-context.js';
import type { TagRuntime, TagStamp } from './tag-runtime.js';

/** What gets stamped: a span or a log record takes the attributes itself, with no closure per item. */
export interface StampTarget {
  setAttributes(attributes: Readonly<Record<string, TagValue>>): unknown;
}

/**
 * Adds the tag attributes of `stamp` that `existing` lacks to `target`, and
 * counts the enrichments among them. Spans and logs take a frame's `spans`
 * stamp (every key), metric records its `metrics` stamp (all but the
 * span-only ones). The common case (no tag key set yet) is one
 * `setAttributes` call with a precomputed object; an item that already has
 * every key (a record from `recordMetric` reaching the metrics view) costs
 * one property read per key.
 */
export function stampMissing(runtime: TagRuntime, stamp: TagStamp, existing: Readonly<Record<string, unknown>>, target: StampTarget): void {
  const keys = stamp.keys;
  // Most spans start with no attribute at all (chains, the app's own): nothing to look up then.
  let presentCount = 0;
  if (hasAnyKey(existing)) for (const key of keys) if (existing[key] !== undefined) presentCount++;
  if (presentCount === keys.length) return;
  if (presentCount === 0) {
    target.setAttributes(stamp.attributes);
    runtime.countEnrichments(stamp);
    return;
  }
  const partial: Record<string, TagValue> = {};
  const stamped: string[] = [];
  for (const key of keys) {
    if (existing[key] !== undefined) continue;
    partial[key] = stamp.attributes[key] as TagValue;
    stamped.push(key);
  }
  target.setAttributes(partial);
  runtime.countEnrichmentsOf(stamp, stamped);
}

function hasAnyKey(object: Readonly<Record<string, unknown>>): boolean {
  for (const _ in object) return true;
  return false;
}
