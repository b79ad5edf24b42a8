import { AsyncLocalStorage } from 'node:async_hooks';
import { AsyncLocalStorageProviderSingleton } from '@langchain/core/singletons';
import { foreignStorageLane } from '@sightline/core/instrumentation';

/** Where @langchain/core, LangGraph and LangSmith all look for the storage (a registered symbol they share). */
const LANGCHAIN_STORAGE_KEY = Symbol.for('ls:tracing_async_local_storage');
const FOLLOWED = Symbol.for('sightline.langchain.followedRunWithConfig');

type StorageHolder = { [LANGCHAIN_STORAGE_KEY]?: unknown };
type RunWithConfig = typeof AsyncLocalStorageProviderSingleton.runWithConfig & { [FOLLOWED]?: true };

/** A run config that Sightline's lane holds while LangChain runs a function body without a storage of its own. */
class FollowedFrame {
  constructor(readonly config: unknown) {}
}

/**
 * Lets Sightline see which LangChain run a function body (a lambda, a tool's
 * function) runs in, so that spans started there find their run
 * (parent-resolution.ts), at the lowest cost LangChain allows:
 *
 * - LangChain without a storage (plain @langchain/core, no LangGraph): its
 *   storage stays undefined, so LangChain behaves exactly as without Sightline,
 *   and `runWithConfig`, where LangChain would enter a body's config, puts the
 *   config in the lane beside the OpenTelemetry context instead. A defined
 *   storage would make LangChain run every awaited callback in a storage frame
 *   of its own and merge each nested run's config from it: in the peer
 *   benchmark that cost 10 µs of a 9-run request.
 * - A storage that holds nothing anywhere (on Node 20 one that was never entered
 *   reads `enabled === false`: `@langchain/core/context` creates one on import) is
 *   replaced by the lane, so Node 20 pays for one AsyncLocalStorage on every
 *   promise instead of two (core's spans/shared-storage.ts says what that costs).
 * - Any other storage (LangGraph's once a graph ran, or any on Node 24, where
 *   storages cost promises nothing) stays, and is read as it is.
 */
export function shareLangChainStorage(): void {
  const holder = globalThis as StorageHolder;
  const current = holder[LANGCHAIN_STORAGE_KEY];
  if (current === undefined) followRunWithConfig();
  else if (current instanceof AsyncLocalStorage && (current as { enabled?: unknown }).enabled === false)
    holder[LANGCHAIN_STORAGE_KEY] = foreignStorageLane();
}

/**
 * Called by zero-touch: LangChain's context variables (its configure hook) live
 * in a storage, so one must exist. The lane is it, unless LangChain has one.
 */
export function ensureLangChainStorage(): void {
  if ((globalThis as StorageHolder)[LANGCHAIN_STORAGE_KEY] === undefined) {
    AsyncLocalStorageProviderSingleton.initializeGlobalInstance(foreignStorageLane() as never);
  } else shareLangChainStorage();
}

/** The run config of the function body running now, as LangChain's storage or Sightline's lane holds it. */
export function currentRunConfig(): { callbacks?: unknown } | undefined {
  const config = AsyncLocalStorageProviderSingleton.getRunnableConfig() as { callbacks?: unknown } | undefined;
  if (config !== undefined) return config;
  const followed = foreignStorageLane().getStore();
  return followed instanceof FollowedFrame ? (followed.config as { callbacks?: unknown }) : undefined;
}

/** Wraps the singleton's `runWithConfig` once: its body runs in a lane frame holding the config, while LangChain has no storage. */
function followRunWithConfig(): void {
  const provider = AsyncLocalStorageProviderSingleton;
  const original = provider.runWithConfig as RunWithConfig;
  if (original[FOLLOWED]) return;
  const lane = foreignStorageLane();
  const holder = globalThis as StorageHolder;
  const followed: RunWithConfig = function <T>(this: unknown, config: unknown, callback: () => T, avoidCreatingRootRunTree?: boolean): T {
    // LangChain got a storage after all (LangGraph loaded later): its own frames hold the config then.
    if (holder[LANGCHAIN_STORAGE_KEY] !== undefined) return original.call(this, config, callback, avoidCreatingRootRunTree) as T;
    return lane.run(new FollowedFrame(config), (): T => original.call(this, config, callback, avoidCreatingRootRunTree) as T) as T;
  };
  followed[FOLLOWED] = true;
  provider.runWithConfig = followed;
}
