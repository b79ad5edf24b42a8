import { readTags, type TagRecord } from '../tags/tag-context.js';
import type { Context } from '@opentelemetry/api';
import { contextWithTags, runWithTags } from '../tags/with-tags.js';
import type { RegisteredTagSchema, TagInput, Tags, TagSchema } from '../types.js';
import { runtimeSlot } from './runtime-slot.js';

/**
 * `withTags` on the registered configuration (from `init` or from
 * `sightlineSpanProcessor`). Without one it simply runs `fn`.
 */
export function withTags<T, S extends TagSchema = RegisteredTagSchema>(tags: TagInput<S>, fn: () => T): T {
  return runWithTags(runtimeSlot().tagRuntime, tags, fn);
}

/** The current tags, without defaults; `{}` outside any `withTags` or before `init`. */
export function getTags<S extends TagSchema = RegisteredTagSchema>(): Tags<S> {
  return { ...readTags() } as Tags<S>;
}

export { isContentCaptureEnabled } from '../content/capture.js';

/** Flushes the registered instance, if any. Integrations call this from their own flush paths. */
export async function forceFlush(): Promise<void> {
  await runtimeSlot().instance?.forceFlush();
}

/**
 * `ctx` with `tags` merged over its own, validated against the registered schema
 * (unknown keys and bad values are dropped and counted). Without a registered
 * configuration `ctx` comes back unchanged.
 */
export function tagContext(ctx: Context, tags: Readonly<Record<string, unknown>>): Context {
  return contextWithTags(runtimeSlot().tagRuntime, ctx, tags);
}

/** The keys of the registered tag schema; empty before `init` or `sightlineComponents`. */
export function tagSchemaKeys(): readonly string[] {
  return runtimeSlot().tagRuntime?.keys ?? [];
}

/**
 * The process's own tags: the `defaultTags` of the registered configuration, as
 * metric records carry them (span-only keys left out, hashed keys hashed), without
 * the "untagged" fill of keys that have no default. Host-level series that belong
 * to no request (GPU gauges) carry these. `{}` before `init`.
 */
export function processTags(): TagRecord {
  const runtime = runtimeSlot().tagRuntime;
  const stamp = runtime?.emptyFrame.metrics;
  if (!runtime || !stamp) return {};
  const tags: Record<string, TagRecord[string]> = {};
  // The stamp's value, as metric records carry it (hashed where the policy hashes), for the keys with a default.
  for (const key of stamp.keys) {
    const value = stamp.attributes[key];
    if (value !== undefined && runtime.hasDefault(key)) tags[key] = value;
  }
  return Object.freeze(tags);
}
