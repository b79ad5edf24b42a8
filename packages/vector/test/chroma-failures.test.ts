import { createContextKey, context, SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import { semconv } from '@sightline/core';
import { instrumentChroma } from '@sightline/vector';
import { ChromaClient } from 'chromadb';
import { createServer, type Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { expectTree } from '@sightline/testing';
import { freeLoopbackPort } from './support/chroma-server.js';
import { useChromaSuite } from './support/chroma-suite.js';
import { embed } from './support/embeddings.js';
import { STAMPED_TAGS, TEST_TAGS } from './support/telemetry.js';

const LOOPBACK = '127.0.0.1';
const DATABASE = { tenant: 'default_tenant', database: 'default_database' };

const chroma = useChromaSuite();

/** Runs `fn` and returns what it threw (failing when it did not throw). */
async function thrownBy(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function failed(operation: string, collection: string, port: number, errorType: string): Attributes {
  return {
    [semconv.ATTR_DB_SYSTEM_NAME]: 'chroma',
    [semconv.ATTR_DB_OPERATION_NAME]: operation,
    [semconv.ATTR_DB_COLLECTION_NAME]: collection,
    [semconv.ATTR_SERVER_ADDRESS]: LOOPBACK,
    [semconv.ATTR_SERVER_PORT]: port,
    [semconv.ATTR_ERROR_TYPE]: errorType,
    ...STAMPED_TAGS,
  };
}

describe('the store’s own failures pass through', () => {
  it('unreachable server: an error span, and the same error class and message as without instrumentation', async () => {
    const telemetry = chroma.telemetry();
    const port = await freeLoopbackPort(); // nothing listens there any more
    const bare = await thrownBy(() =>
      new ChromaClient({ host: LOOPBACK, port }).getOrCreateCollection({ name: 'docs', embeddingFunction: null }),
    );
    const client = instrumentChroma(new ChromaClient({ host: LOOPBACK, port }));

    const seen = await thrownBy(() =>
      telemetry.obs.withTags(TEST_TAGS, () => client.getOrCreateCollection({ name: 'docs', embeddingFunction: null })),
    );

    expect(seen.constructor).toBe(bare.constructor);
    expect(seen.name).toBe('ChromaConnectionError');
    expect(seen.message).toBe(bare.message);
    expectTree(telemetry.spans(), [
      {
        name: 'getOrCreateCollection docs',
        kind: SpanKind.CLIENT,
        attributes: failed('getOrCreateCollection', 'docs', port, 'ChromaConnectionError'),
      },
    ]);
    const [span] = telemetry.spans();
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: bare.message });
    expect(span?.events.map((event) => event.name)).toEqual(['exception']);
    const durations = await telemetry.points(semconv.METRIC_DB_CLIENT_OPERATION_DURATION);
    expect(durations.map((point) => point.attributes)).toEqual([failed('getOrCreateCollection', 'docs', port, 'ChromaConnectionError')]);
  });

  it('timeout: the abort surfaces as chromadb’s own error, once, with no retry on the user’s behalf', async () => {
    const telemetry = chroma.telemetry();
    const silent = await listenSilently();
    const port = (silent.server.address() as { port: number }).port;
    const timedOut = () => ({ host: LOOPBACK, port, ...DATABASE, fetchOptions: { signal: AbortSignal.timeout(200) } });
    try {
      const bare = await thrownBy(() => new ChromaClient(timedOut()).collection('abc').count());
      const requestsBefore = silent.requests();
      expect(requestsBefore).toBe(1);
      const client = instrumentChroma(new ChromaClient(timedOut()));

      const seen = await thrownBy(() => telemetry.obs.withTags(TEST_TAGS, () => client.collection('abc').count()));

      expect([seen.constructor, seen.message]).toEqual([bare.constructor, bare.message]);
      expect(silent.requests() - requestsBefore).toBe(1);
      expectTree(telemetry.spans(), [
        { name: 'count abc', kind: SpanKind.CLIENT, attributes: failed('count', 'abc', port, 'ChromaConnectionError') },
      ]);
    } finally {
      await silent.close();
    }
  });

  it('a collection that does not exist: error spans for get and for a query on a deleted collection', async () => {
    const telemetry = chroma.telemetry();
    const client = instrumentChroma(chroma.client(DATABASE));
    const bare = await thrownBy(() => chroma.client().getCollection({ name: 'missing' }));
    const gone = await client.createCollection({ name: 'short-lived', embeddingFunction: null });
    await client.deleteCollection({ name: 'short-lived' });
    telemetry.reset();

    const missing = await thrownBy(() => telemetry.obs.withTags(TEST_TAGS, () => client.getCollection({ name: 'missing' })));
    const deleted = await thrownBy(() =>
      telemetry.obs.withTags(TEST_TAGS, () => gone.query({ queryEmbeddings: [embed('q')], nResults: 3 })),
    );

    expect([missing.constructor, missing.message]).toEqual([bare.constructor, bare.message]);
    expect(deleted.name).toBe('ChromaNotFoundError');
    expectTree(telemetry.spans(), [
      { name: 'getCollection missing', attributes: failed('getCollection', 'missing', chroma.server.port, 'ChromaNotFoundError') },
      {
        name: 'query short-lived',
        attributes: {
          ...failed('query', 'short-lived', chroma.server.port, 'ChromaNotFoundError'),
          [semconv.ATTR_GEN_AI_REQUEST_TOP_K]: 3,
          [semconv.ATTR_SIGHTLINE_VECTOR_EMBEDDING_DIMENSION]: 16,
          [semconv.ATTR_SIGHTLINE_VECTOR_FILTER_USED]: false,
        },
      },
    ]);
  });

  it('rethrows the very error object and returns the very promise the library produced', async () => {
    const telemetry = chroma.telemetry();
    const boom = new TypeError('the store broke');
    const pending = Promise.resolve(7);
    const collection = instrumentChroma(fakeCollection({ count: () => pending, query: () => Promise.reject(boom) }));

    expect(collection.count()).toBe(pending);
    await expect(collection.query({})).rejects.toBe(boom);
    await pending;
    expect(telemetry.spans().map((span) => [span.name, span.attributes[semconv.ATTR_ERROR_TYPE]])).toEqual([
      ['count fake', undefined],
      ['query fake', 'TypeError'],
    ]);
  });
});

describe('instrumentation never breaks the app', () => {
  it('returns a result it cannot read unchanged, and still ends the span', async () => {
    const telemetry = chroma.telemetry();
    const unreadable = {
      get ids(): never {
        throw new Error('no ids for you');
      },
    };
    const collection = instrumentChroma(fakeCollection({ query: async () => unreadable }));

    expect(await collection.query({ nResults: 2 })).toBe(unreadable);
    expectTree(telemetry.spans(), [{ name: 'query fake', attributesContaining: { [semconv.ATTR_GEN_AI_REQUEST_TOP_K]: 2 } }]);
    expect(await telemetry.points(semconv.METRIC_DB_CLIENT_OPERATION_DURATION)).toHaveLength(1);
  });

  it('works with no SDK registered: same results, nothing thrown', async () => {
    const client = instrumentChroma(chroma.client());
    const collection = await client.getOrCreateCollection({ name: 'no-sdk', embeddingFunction: null });
    await collection.add({ ids: ['a'], embeddings: [embed('a')] });
    const result = await collection.query({ queryEmbeddings: [embed('a')], nResults: 1 });
    expect(result.ids).toEqual([['a']]);
  });

  it('records no span while tracing is suppressed, and the call still runs', async () => {
    const telemetry = chroma.telemetry();
    // The key @opentelemetry/core's suppressTracing() sets (createContextKey uses Symbol.for).
    const suppressed = context.active().setValue(createContextKey('OpenTelemetry SDK Context Key SUPPRESS_TRACING'), true);
    const collection = instrumentChroma(fakeCollection({ count: async () => 3 }));

    expect(await context.with(suppressed, () => collection.count())).toBe(3);
    expect(telemetry.spans()).toEqual([]);
  });

  it('leaves an object that is neither a client nor a collection untouched', () => {
    const other = { query: () => 1 };
    expect(instrumentChroma(other)).toBe(other);
    expect(Object.getOwnPropertyNames(other)).toEqual(['query']);
  });
});

/** A duck-typed collection whose methods the test controls. */
function fakeCollection(methods: Partial<Record<'query' | 'count', (...args: unknown[]) => unknown>>) {
  const unused = async () => undefined;
  return { name: 'fake', id: 'fake-id', add: unused, get: unused, count: unused, query: unused, ...methods };
}

/** An HTTP server that takes requests and never answers: a hung Chroma. */
async function listenSilently(): Promise<{ server: Server; requests(): number; close(): Promise<void> }> {
  let requests = 0;
  const silent = createServer(() => {
    requests++;
  });
  await new Promise<void>((resolve) => silent.listen(0, LOOPBACK, resolve));
  return {
    server: silent,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        silent.closeAllConnections();
        silent.close(() => resolve());
      }),
  };
}
