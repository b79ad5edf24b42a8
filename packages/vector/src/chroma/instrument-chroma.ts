import { createLogger, semconv } from '@sightline/core/instrumentation';
import { claimForInstrumentation, wrapInstanceMethod } from '../instance-methods.js';
import { tracedOperation, type ServerAddress } from '../traced-operation.js';
import { COLLECTION_OPERATIONS } from './collection-operations.js';
import { chromaServerAddress } from './server-address.js';

const log = createLogger('vector');

/** Client calls that get a span of their own (collection create/get/delete). */
const CLIENT_OPERATIONS = ['createCollection', 'getCollection', 'getOrCreateCollection', 'deleteCollection'];
/** Calls that hand out collections without a span of their own: what they return is instrumented. */
const CLIENT_COLLECTION_SOURCES = ['listCollections', 'getCollections', 'getCollectionById', 'getCollectionByCrn', 'collection'];

/**
 * Instruments a chromadb `ChromaClient` or `Collection` in place and returns the
 * same object. Collections the client hands out are instrumented as well.
 */
export function instrumentChroma<T extends object>(clientOrCollection: T): T {
  try {
    if (isChromaClient(clientOrCollection)) instrumentClient(clientOrCollection);
    else if (isChromaCollection(clientOrCollection)) instrumentCollection(clientOrCollection);
    else log.warnOnce('not-chroma', 'instrumentChroma needs a ChromaClient or a Collection; nothing was instrumented');
  } catch (error) {
    log.warnOnce('instrument-chroma', 'could not instrument the Chroma object; it runs uninstrumented', error);
  }
  return clientOrCollection;
}

function instrumentClient(client: object): void {
  if (!claimForInstrumentation(client)) return;
  const server = cachedServerAddress(client);
  for (const operation of CLIENT_OPERATIONS) {
    wrapInstanceMethod(
      client,
      operation,
      (original) =>
        function (this: unknown, ...args: unknown[]) {
          return tracedOperation(
            client,
            () => ({ system: semconv.DB_SYSTEM_CHROMA, operation, collection: nameArgument(args[0]), server: server() }),
            () => original.apply(this, args),
            (result) => {
              instrumentReturnedCollections(result);
              return undefined;
            },
          );
        },
    );
  }
  for (const source of CLIENT_COLLECTION_SOURCES) wrapCollectionSource(client, source);
}

function instrumentCollection(collection: object): void {
  if (!claimForInstrumentation(collection)) return;
  const server = cachedServerAddress(collection);
  for (const [operation, { request, summarize }] of Object.entries(COLLECTION_OPERATIONS)) {
    wrapInstanceMethod(
      collection,
      operation,
      (original) =>
        function (this: unknown, ...args: unknown[]) {
          return tracedOperation(
            collection,
            () => ({
              system: semconv.DB_SYSTEM_CHROMA,
              operation,
              collection: collectionName(collection),
              server: server(),
              addRequestAttributes: request && ((attributes) => request(args, attributes)),
            }),
            () => original.apply(this, args),
            summarize,
          );
        },
    );
  }
  wrapCollectionSource(collection, 'fork');
}

/** Wraps a method whose result holds collections, so that they come back instrumented. */
function wrapCollectionSource(target: object, method: string): void {
  wrapInstanceMethod(
    target,
    method,
    (original) =>
      function (this: unknown, ...args: unknown[]) {
        const result = original.apply(this, args);
        // Registered before the caller can await `result`, so this runs before the caller sees the value.
        if (result instanceof Promise) result.then(instrumentReturnedCollections, () => undefined);
        else instrumentReturnedCollections(result);
        return result;
      },
  );
}

function instrumentReturnedCollections(value: unknown): void {
  try {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) if (isChromaCollection(item)) instrumentCollection(item);
  } catch (error) {
    log.warnOnce('returned-collection', 'could not instrument a returned collection', error);
  }
}

/** The server address, read once, on the first operation; unknown when it cannot be read. */
function cachedServerAddress(target: object): () => ServerAddress | undefined {
  let read = false;
  let address: ServerAddress | undefined;
  return () => {
    if (!read) {
      read = true;
      try {
        address = chromaServerAddress(target);
      } catch (error) {
        log.warnOnce('server-address', 'could not read the Chroma server address', error);
      }
    }
    return address;
  };
}

function collectionName(collection: object): string | undefined {
  const { name, id } = collection as { name?: unknown; id?: unknown };
  // A handle from `client.collection(id)` has an empty name: its id is the best name there is.
  if (typeof name === 'string' && name !== '') return name;
  return typeof id === 'string' ? id : undefined;
}

function nameArgument(argument: unknown): string | undefined {
  const name = (argument as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : undefined;
}

function isChromaClient(value: unknown): value is object {
  return hasMethods(value, ['createCollection', 'getOrCreateCollection', 'deleteCollection']);
}

function isChromaCollection(value: unknown): value is object {
  return hasMethods(value, ['query', 'add', 'get', 'count']);
}

function hasMethods(value: unknown, names: string[]): boolean {
  if (value === null || typeof value !== 'object') return false;
  return names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
}
