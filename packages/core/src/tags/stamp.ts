import type { TagRecord, TagValue } from './tag-context.js';
import type { TagFrame, TagRuntime } from './tag-runtime.js';

/**
 * Adds the tag attributes that `existing` lacks, and counts the enrichments
 * among them. `item` picks the frame's stamp: spans and logs get every key,
 * metric records all but the span-only ones. The common case (no tag key set
 * yet) is one `setAttributes` call with a precomputed object; an item that
 * already has every key (a record from `recordMetric` reaching the metrics
 * view) costs one property read per key.
 */
export function stampMissing(
  runtime: TagRuntime,
  tags: TagRecord | undefined,
  existing: Readonly<Record<string, unknown>>,
  apply: (attributes: Readonly<Record<string, TagValue>>) => void,
  item: keyof Pick<TagFrame, 'spans' | 'metrics'>,
): void {
  const stamp = runtime.frameFor(tags)[item];
  const keys = stamp.keys;
  // Most spans start with no attribute at all (chains, the app's own): nothing to look up then.
  let presentCount = 0;
  if (hasAnyKey(existing)) for (const key of keys) if (existing[key] !== undefined) presentCount++;
  if (presentCount === keys.length) return;
  if (presentCount === 0) {
    apply(stamp.attributes);
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
  apply(partial);
  runtime.countEnrichmentsOf(stamp, stamped);
}

function hasAnyKey(object: Readonly<Record<string, unknown>>): boolean {
  for (const _ in object) return true;
  return false;
}
