import { context as contextApi } from '@opentelemetry/api';
import { createLogger } from '../internal/logger.js';
import { SOURCE_WITH_TAGS } from '../semconv.js';
import { readTags, writeTags } from './tag-context.js';
import type { TagRuntime } from './tag-runtime.js';

const log = createLogger('tags');

/**
 * Runs `fn` in a context whose tags are the current ones with `tags` merged on
 * top. Bad tags are dropped by the runtime; nothing here throws into the caller,
 * and `fn` itself always runs exactly once.
 */
export function runWithTags<T>(runtime: TagRuntime | undefined, tags: unknown, fn: () => T): T {
  if (runtime === undefined) return fn();
  let next;
  try {
    const active = contextApi.active();
    if (tags === null || typeof tags !== 'object') {
      log.warnOnce('with-tags-not-object', 'withTags expects an object of tags; running without new tags');
      return fn();
    }
    const accepted = runtime.validate(tags as Record<string, unknown>, SOURCE_WITH_TAGS);
    next = writeTags(active, Object.freeze(Object.assign({}, readTags(active), accepted)));
  } catch (error) {
    log.warnOnce('with-tags-failed', 'withTags could not set tags; running without them', error);
    return fn();
  }
  return contextApi.with(next, fn);
}
