import type { TagRecord, TagValue } from '../tags/tag-context.js';
import type { TagRuntime } from '../tags/tag-runtime.js';

/**
 * Adds the frame's tag attributes that `existing` lacks, and counts the
 * enrichments among them. The common case (no tag key set yet) is one
 * `setAttributes` call with a precomputed object; an item that already has
 * every key (a record from `recordMetric` reaching the metrics view) costs one
 * property read per key.
 */
export function stampMissing(
  runtime: TagRuntime,
  tags: TagRecord | undefined,
  existing: Readonly<Record<string, unknown>>,
  apply: (attributes: Readonly<Record<string, TagValue>>) => void,
): void {
  const keys = runtime.keys;
  let presentCount = 0;
  for (const key of keys) if (existing[key] !== undefined) presentCount++;
  if (presentCount === keys.length) return;
  const frame = runtime.frameFor(tags);
  if (presentCount === 0) {
    apply(frame.attributes);
    runtime.countUntaggedFrame(frame);
    return;
  }
  const partial: Record<string, TagValue> = {};
  const enriched: string[] = [];
  for (const key of keys) {
    if (existing[key] !== undefined) continue;
    partial[key] = frame.attributes[key] as TagValue;
    if (frame.missing.includes(key)) enriched.push(key);
  }
  apply(partial);
  runtime.countUntagged(enriched);
}
