import { context as contextApi, type Context } from '@opentelemetry/api';
import { createLogger } from '../internal/logger.js';
import { SOURCE_WITH_TAGS } from '../semconv.js';
import { notePeerKeys } from './peer-tags.js';
import { RepeatedTags } from './repeated-tags.js';
import { readTags, runWithPendingTags, writeTags, type TagRecord } from './tag-context.js';
import type { TagRuntime } from './tag-runtime.js';

const log = createLogger('tags');

/**
 * Runs `fn` in a context whose tags are the current ones with `tags` merged on
 * top. Bad tags are dropped by the runtime; nothing here throws into the caller,
 * and `fn` itself always runs exactly once.
 */
export function runWithTags<T>(runtime: TagRuntime | undefined, tags: unknown, fn: () => T): T {
  if (runtime === undefined) {
    // Before init nothing can validate them: kept as given, validated once a runtime exists (tag-context.ts).
    return tags !== null && typeof tags === 'object' ? runWithPendingTags(tags as Record<string, unknown>, fn) : fn();
  }
  if (tags === null || typeof tags !== 'object') {
    log.warnOnce('with-tags-not-object', 'withTags expects an object of tags; running without new tags');
    return fn();
  }
  let next;
  try {
    const active = contextApi.active();
    next = writeTags(active, ownTagsOver(runtime, readTags(active), tags as Record<string, unknown>));
  } catch (error) {
    log.warnOnce('with-tags-failed', 'withTags could not set tags; running without them', error);
    return fn();
  }
  return contextApi.with(next, fn);
}

const repeated = new RepeatedTags();

/** `input` validated and merged over `current`, or the record the same merge made last time. */
function ownTagsOver(runtime: TagRuntime, current: TagRecord | undefined, input: Readonly<Record<string, unknown>>): TagRecord {
  const known = repeated.find(runtime, current, input);
  if (known !== undefined) return known;
  const accepted = runtime.validate(input, SOURCE_WITH_TAGS);
  const merged = mergedOwnTags(current, accepted);
  if (Object.keys(accepted).length === definedCount(input)) repeated.remember(runtime, current, input, merged);
  return merged;
}

function definedCount(input: Readonly<Record<string, unknown>>): number {
  let count = 0;
  for (const key of Object.keys(input)) if (input[key] !== undefined) count++;
  return count;
}

/** The app's own tags over `current`: keys it sets are no longer a peer's (peer-tags.ts). */
function mergedOwnTags(current: TagRecord | undefined, accepted: TagRecord): TagRecord {
  const merged: TagRecord = Object.freeze(Object.assign({}, current, accepted));
  notePeerKeys(merged, current, accepted, false);
  return merged;
}

/**
 * `ctx` with `tags` merged over the tags it already carries, validated like
 * `withTags` (bad entries dropped, counted and warned about once). For
 * integrations that start spans in a context of their own, such as a LangChain
 * run whose metadata names a team. Never throws: on any failure `ctx` comes back.
 */
export function contextWithTags(runtime: TagRuntime | undefined, ctx: Context, tags: Readonly<Record<string, unknown>>): Context {
  if (runtime === undefined) return ctx;
  try {
    const accepted = runtime.validate(tags, SOURCE_WITH_TAGS);
    if (Object.keys(accepted).length === 0) return ctx;
    return writeTags(ctx, mergedOwnTags(readTags(ctx), accepted));
  } catch (error) {
    log.warnOnce('context-with-tags-failed', 'tags could not be added to a context; it keeps its own', error);
    return ctx;
  }
}
