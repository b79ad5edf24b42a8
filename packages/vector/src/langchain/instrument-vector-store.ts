import { createLogger } from '@sightline/core/instrumentation';
import { claimForInstrumentation, wrapInstanceMethod } from '../instance-methods.js';
import { tracedOperation } from '../traced-operation.js';
import type { InstrumentVectorStoreOptions } from '../types.js';
import { VECTOR_STORE_OPERATIONS } from './vector-store-operations.js';

const log = createLogger('vector');
/** `ATTR_DB_SYSTEM_NAME` when the store does not say what it is. */
const UNKNOWN_SYSTEM = 'unknown';

/**
 * Instruments a LangChain `VectorStore` in place and returns the same object.
 * Inside a retriever built with `asRetriever()`, the spans nest under the
 * retriever's span (through core's parent resolution).
 */
export function instrumentVectorStore<T extends object>(store: T, options: InstrumentVectorStoreOptions = {}): T {
  try {
    if (!claimForInstrumentation(store)) return store;
    const system = options.systemName ?? storeType(store);
    for (const [operation, { request, summarize }] of Object.entries(VECTOR_STORE_OPERATIONS)) {
      wrapInstanceMethod(
        store,
        operation,
        (original) =>
          function (this: unknown, ...args: unknown[]) {
            return tracedOperation(
              store,
              () => ({
                system,
                operation,
                collection: options.collectionName ?? ownCollectionName(store),
                addRequestAttributes: request && ((attributes) => request(args, attributes)),
              }),
              () => original.apply(this, args),
              summarize,
            );
          },
      );
    }
  } catch (error) {
    log.warnOnce('instrument-vector-store', 'could not instrument the vector store; it runs uninstrumented', error);
  }
  return store;
}

function storeType(store: object): string {
  try {
    const type = (store as { _vectorstoreType?: () => unknown })._vectorstoreType?.();
    return typeof type === 'string' && type !== '' ? type : UNKNOWN_SYSTEM;
  } catch {
    return UNKNOWN_SYSTEM;
  }
}

function ownCollectionName(store: object): string | undefined {
  const name = (store as { collectionName?: unknown }).collectionName;
  return typeof name === 'string' && name !== '' ? name : undefined;
}
