import { SpanStatusCode } from '@opentelemetry/api';
import { semconv } from '@sightline/core';
import { instrumentChroma } from '@sightline/vector';
import { ChromaClient } from 'chromadb';
import { afterEach, expect, it } from 'vitest';
import { startChroma, type ChromaServer } from './support/chroma-server.js';
import { embed } from './support/embeddings.js';
import { setupTelemetry, TEST_TAGS, type Telemetry } from './support/telemetry.js';

// Chroma goes down while the app runs (issue 19, fault coverage). chroma-failures.test.ts covers a server
// that is unreachable from the start, a silent one, and missing collections.

let server: ChromaServer | undefined;
let telemetry: Telemetry | undefined;
afterEach(async () => {
  await telemetry?.shutdown();
  await server?.stop();
  server = telemetry = undefined;
});

async function errorOf(fn: () => Promise<unknown>): Promise<Error> {
  return fn().then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: Error) => error,
  );
}

it('a Chroma server that dies mid-run: the app sees the same error as without instrumentation, and each failed call is an error span and a counted duration', async () => {
  server = await startChroma();
  const { host, port } = server;
  telemetry = setupTelemetry();
  const obs = telemetry.obs;
  const client = instrumentChroma(new ChromaClient({ host, port }));
  const bareClient = new ChromaClient({ host, port });
  const collection = await client.createCollection({ name: 'docs', embeddingFunction: null });
  await collection.add({ ids: ['a'], embeddings: [embed('a')], documents: ['doc a'] });
  const bareCollection = await bareClient.getCollection({ name: 'docs' });
  const before = await obs.withTags(TEST_TAGS, () => collection.query({ queryEmbeddings: [embed('a')], nResults: 1 }));
  expect(before.ids).toEqual([['a']]);

  await server.stop();
  server = undefined;
  const bare = await errorOf(() => bareCollection.query({ queryEmbeddings: [embed('a')], nResults: 1 }));
  telemetry.reset();
  const seen = await errorOf(() => obs.withTags(TEST_TAGS, () => collection.query({ queryEmbeddings: [embed('a')], nResults: 1 })));
  const seenCount = await errorOf(() => obs.withTags(TEST_TAGS, () => collection.count()));

  expect([seen.constructor, seen.name, seen.message]).toEqual([bare.constructor, bare.name, bare.message]);
  expect(seenCount.name).toBe(bare.name);
  const spans = telemetry.spans();
  expect(spans.map((span) => [span.name, span.status.code, span.attributes[semconv.ATTR_ERROR_TYPE], span.attributes.team])).toEqual([
    ['query docs', SpanStatusCode.ERROR, bare.name, 'search'],
    ['count docs', SpanStatusCode.ERROR, bare.name, 'search'],
  ]);
  const failures = (await telemetry.points(semconv.METRIC_DB_CLIENT_OPERATION_DURATION))
    .filter((point) => point.attributes[semconv.ATTR_ERROR_TYPE] === bare.name)
    .map((point) => [point.attributes[semconv.ATTR_DB_OPERATION_NAME], (point.value as { count: number }).count]);
  expect(failures.sort()).toEqual([
    ['count', 1],
    ['query', 1],
  ]);
});
