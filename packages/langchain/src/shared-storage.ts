import { AsyncLocalStorage } from 'node:async_hooks';
import { AsyncLocalStorageProviderSingleton } from '@langchain/core/singletons';
import { foreignStorageLane } from '@sightline/core/instrumentation';

/** Where @langchain/core, LangGraph and LangSmith all look for the storage (a registered symbol they share). */
const LANGCHAIN_STORAGE_KEY = Symbol.for('ls:tracing_async_local_storage');

type StorageHolder = { [LANGCHAIN_STORAGE_KEY]?: unknown };

/**
 * Moves LangChain's run config into the lane beside the OpenTelemetry context
 * in core's shared storage, so Node 20 pays for one AsyncLocalStorage instead
 * of two on every promise (core's spans/shared-storage.ts says what that costs).
 * Only a storage that holds nothing anywhere is replaced: on Node 20 one that
 * was never entered reads `enabled === false`. Storages of Node 24 have no such
 * flag, and cost promises nothing, so they stay. Returns whether LangChain now
 * uses the lane; either way LangChain behaves the same.
 */
export function shareLangChainStorage(): boolean {
  const holder = globalThis as StorageHolder;
  const lane = foreignStorageLane();
  const current = holder[LANGCHAIN_STORAGE_KEY];
  if (current === undefined) AsyncLocalStorageProviderSingleton.initializeGlobalInstance(lane as never);
  else if (current instanceof AsyncLocalStorage && (current as { enabled?: unknown }).enabled === false)
    holder[LANGCHAIN_STORAGE_KEY] = lane;
  return AsyncLocalStorageProviderSingleton.getInstance() === lane;
}
