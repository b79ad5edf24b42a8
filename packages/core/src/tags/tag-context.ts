import { AsyncLocalStorage } from 'node:async_hooks';
import { context as contextApi, type Context } from '@opentelemetry/api';
import { globalSlot } from '../internal/global-slot.js';
import { SOURCE_WITH_TAGS } from '../semconv.js';

/** The context key under which the current tags live (registered, so every copy of core agrees). */
export const TAGS_CONTEXT_KEY: symbol = Symbol.for('sightline.tags');

export type TagValue = string | number | boolean;
export type TagRecord = Readonly<Record<string, TagValue>>;
type RawTags = Readonly<Record<string, unknown>>;

/**
 * This module's view of the slot. `tagRuntime` is the registered TagRuntime
 * (tags/tag-slot.ts), seen here only as the validation pending scopes need:
 * the runtime itself reads tags from here, so this file cannot name it.
 */
interface PendingTagsSlot {
  /** Tags of `withTags` scopes entered before `init`. */
  pendingTags?: AsyncLocalStorage<RawTags>;
  tagRuntime?: { validate(input: RawTags, source: typeof SOURCE_WITH_TAGS): Record<string, TagValue> };
}

export function readTags(ctx: Context = contextApi.active()): TagRecord | undefined {
  return (ctx.getValue(TAGS_CONTEXT_KEY) as TagRecord | undefined) ?? pendingTags();
}

export function writeTags(ctx: Context, tags: TagRecord): Context {
  return ctx.setValue(TAGS_CONTEXT_KEY, tags);
}

/**
 * Scopes entered before `init` (module-level code, a server started first) run
 * with no OpenTelemetry context manager yet, so their tags cannot ride on the
 * context. They are kept as given in an AsyncLocalStorage of their own, shared
 * by every copy of core, and validated, once per scope and runtime, the first
 * time telemetry recorded inside them after `init` asks for them.
 */
function pendingStorage(): AsyncLocalStorage<RawTags> {
  const slot = globalSlot<PendingTagsSlot>();
  return (slot.pendingTags ??= new AsyncLocalStorage<RawTags>());
}

/** Runs `fn` with `tags` merged over the pending tags of the scopes around it. */
export function runWithPendingTags<T>(tags: RawTags, fn: () => T): T {
  const storage = pendingStorage();
  return storage.run(Object.freeze(Object.assign({}, storage.getStore(), tags)), fn);
}

const validated = new WeakMap<RawTags, { runtime: object; tags: TagRecord }>();

function pendingTags(): TagRecord | undefined {
  const slot = globalSlot<PendingTagsSlot>();
  const raw = slot.pendingTags?.getStore();
  const runtime = raw === undefined ? undefined : slot.tagRuntime;
  if (raw === undefined || runtime === undefined) return undefined;
  const known = validated.get(raw);
  if (known?.runtime === runtime) return known.tags;
  const tags = Object.freeze(runtime.validate(raw, SOURCE_WITH_TAGS));
  validated.set(raw, { runtime, tags });
  return tags;
}
