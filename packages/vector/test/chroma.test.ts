import { SpanKind, type Attributes } from '@opentelemetry/api';
import { semconv, submitForEvaluation, traced } from '@sightline/core';
import { evaluations, type EvaluationContext, type Evaluator } from '@sightline/evaluation';
import { instrumentChroma } from '@sightline/vector';
import type { ChromaClient, Collection } from 'chromadb';
import { describe, expect, it } from 'vitest';
import { expectTree, findSpan } from '@sightline/testing';
import { useChromaSuite } from './support/chroma-suite.js';
import { DIMENSION, embed } from './support/embeddings.js';
import { STAMPED_OUTSIDE_TAGS, STAMPED_TAGS, TEST_TAGS } from './support/telemetry.js';

const DOCS = Array.from({ length: 50 }, (_, index) => `document number ${index} about topic ${index % 7}`);

const chroma = useChromaSuite();
let collectionCounter = 0;

function freshName(): string {
  return `docs-${process.pid}-${++collectionCounter}`;
}

/** The attributes every Chroma span of this suite carries. */
function common(operation: string, collection: string): Attributes {
  return {
    [semconv.ATTR_DB_SYSTEM_NAME]: 'chroma',
    [semconv.ATTR_DB_OPERATION_NAME]: operation,
    [semconv.ATTR_DB_COLLECTION_NAME]: collection,
    [semconv.ATTR_SERVER_ADDRESS]: '127.0.0.1',
    [semconv.ATTR_SERVER_PORT]: chroma.server.port,
  };
}

async function seeded(client: ChromaClient, name: string): Promise<Collection> {
  const collection = await client.createCollection({ name, embeddingFunction: null });
  await collection.add({
    ids: DOCS.map((_, index) => `doc-${index}`),
    embeddings: DOCS.map((doc) => embed(doc)),
    documents: DOCS,
    metadatas: DOCS.map((_, index) => ({ topic: index % 7 })),
  });
  return collection;
}

describe('instrumentChroma against a real Chroma server', () => {
  it('traces create, add and a k=5 query with whole attributes, rows and the distance spread of the response', async () => {
    const telemetry = chroma.telemetry();
    const client = chroma.client();
    expect(instrumentChroma(client)).toBe(client);
    const name = freshName();

    const result = await telemetry.obs.withTags(TEST_TAGS, async () => {
      const collection = await seeded(client, name);
      return collection.query({ queryEmbeddings: [embed('topic 3 question')], nResults: 5 });
    });

    expect(result.ids[0]).toHaveLength(5);
    const distances = result.distances[0] as number[];
    expect(distances).toHaveLength(5);
    const mean = distances.reduce((sum, value) => sum + value, 0) / distances.length;
    expectTree(telemetry.spans(), [
      { name: `createCollection ${name}`, kind: SpanKind.CLIENT, attributes: { ...common('createCollection', name), ...STAMPED_TAGS } },
      {
        name: `add ${name}`,
        kind: SpanKind.CLIENT,
        attributes: { ...common('add', name), [semconv.ATTR_SIGHTLINE_VECTOR_EMBEDDING_DIMENSION]: DIMENSION, ...STAMPED_TAGS },
      },
      {
        name: `query ${name}`,
        kind: SpanKind.CLIENT,
        attributes: {
          ...common('query', name),
          [semconv.ATTR_GEN_AI_REQUEST_TOP_K]: 5,
          [semconv.ATTR_SIGHTLINE_VECTOR_EMBEDDING_DIMENSION]: DIMENSION,
          [semconv.ATTR_SIGHTLINE_VECTOR_FILTER_USED]: false,
          [semconv.ATTR_DB_RESPONSE_RETURNED_ROWS]: 5,
          [semconv.ATTR_SIGHTLINE_VECTOR_DISTANCE_MIN]: Math.min(...distances),
          [semconv.ATTR_SIGHTLINE_VECTOR_DISTANCE_MAX]: Math.max(...distances),
          [semconv.ATTR_SIGHTLINE_VECTOR_DISTANCE_MEAN]: mean,
          ...STAMPED_TAGS,
        },
      },
    ]);
    expect(Math.min(...distances)).toBeLessThan(Math.max(...distances));
  });

  it('records duration, returned rows and the best distance per query embedding, with the tags', async () => {
    const telemetry = chroma.telemetry();
    const client = instrumentChroma(chroma.client());
    const name = freshName();
    const collection = await seeded(client, name);

    const result = await telemetry.obs.withTags(TEST_TAGS, () =>
      collection.query({ queryEmbeddings: [embed(DOCS[3] as string), embed('something else')], nResults: 5 }),
    );

    const bests = result.distances.map((row) => Math.min(...(row as number[])));
    expect(bests[0]).toBe(0); // the exact document is its own nearest neighbour
    const metricAttributes = { ...common('query', name), ...STAMPED_TAGS };
    const duration = (await telemetry.points(semconv.METRIC_DB_CLIENT_OPERATION_DURATION)).filter(
      (point) => point.attributes[semconv.ATTR_DB_OPERATION_NAME] === 'query',
    );
    expect(duration).toEqual([{ attributes: metricAttributes, value: expect.objectContaining({ count: 1 }) }]);
    expect(await telemetry.points(semconv.METRIC_DB_CLIENT_RESPONSE_RETURNED_ROWS)).toEqual([
      { attributes: metricAttributes, value: expect.objectContaining({ count: 1, sum: 10 }) },
    ]);
    expect(await telemetry.points(semconv.METRIC_SIGHTLINE_VECTOR_BEST_DISTANCE)).toEqual([
      {
        attributes: metricAttributes,
        value: expect.objectContaining({ count: 2, sum: (bests[0] as number) + (bests[1] as number), min: bests[0], max: bests[1] }),
      },
    ]);
  });

  it('traces get, peek (one span, not a nested get), count, upsert, update and delete; filters are a flag without content capture', async () => {
    const telemetry = chroma.telemetry();
    const name = freshName();
    const collection = await seeded(chroma.client(), name);
    instrumentChroma(collection);

    await telemetry.obs.withTags(TEST_TAGS, async () => {
      expect((await collection.get({ where: { topic: 3 } })).ids).toHaveLength(7);
      expect((await collection.peek({ limit: 3 })).ids).toHaveLength(3);
      expect(await collection.count()).toBe(50);
      await collection.upsert({ ids: ['extra'], embeddings: [embed('extra')], documents: ['extra'] });
      await collection.update({ ids: ['extra'], embeddings: [embed('changed')] });
      await collection.delete({ where: { topic: 6 } });
    });

    const filtered = { [semconv.ATTR_SIGHTLINE_VECTOR_FILTER_USED]: true };
    const dimension = { [semconv.ATTR_SIGHTLINE_VECTOR_EMBEDDING_DIMENSION]: DIMENSION };
    const rows = (count: number) => ({ [semconv.ATTR_DB_RESPONSE_RETURNED_ROWS]: count });
    expectTree(telemetry.spans(), [
      { name: `get ${name}`, attributes: { ...common('get', name), ...filtered, ...rows(7), ...STAMPED_TAGS } },
      { name: `peek ${name}`, attributes: { ...common('peek', name), ...rows(3), ...STAMPED_TAGS }, children: [] },
      { name: `count ${name}`, attributes: { ...common('count', name), ...STAMPED_TAGS } },
      { name: `upsert ${name}`, attributes: { ...common('upsert', name), ...dimension, ...STAMPED_TAGS } },
      { name: `update ${name}`, attributes: { ...common('update', name), ...dimension, ...STAMPED_TAGS } },
      { name: `delete ${name}`, attributes: { ...common('delete', name), ...filtered, ...STAMPED_TAGS } },
    ]);
  });

  it('records the filter itself only when content capture is on', async () => {
    const telemetry = chroma.telemetry({ captureContent: true });
    const name = freshName();
    const collection = instrumentChroma(await seeded(chroma.client(), name));

    await collection.query({ queryEmbeddings: [embed('q')], nResults: 2, where: { topic: 2 } });

    expect(findSpan(telemetry.spans(), `query ${name}`).attributes).toMatchObject({
      [semconv.ATTR_SIGHTLINE_VECTOR_FILTER_USED]: true,
      [semconv.ATTR_SIGHTLINE_VECTOR_FILTER_VALUE]: JSON.stringify({ where: { topic: 2 } }),
    });
  });

  it('instruments the collections an instrumented client hands out, once each, and leaves other instances alone', async () => {
    const telemetry = chroma.telemetry();
    const name = freshName();
    await seeded(chroma.client(), name);
    const client = instrumentChroma(chroma.client());
    instrumentChroma(client); // a second call must not wrap twice

    const fetched = await client.getCollection({ name });
    const listed = (await client.listCollections()).find((collection) => collection.name === name);
    const created = await client.getOrCreateCollection({ name, embeddingFunction: null });
    await fetched.count();
    await listed?.count();
    await created.count();
    await client.deleteCollection({ name });
    const plain = chroma.client();
    await plain.getOrCreateCollection({ name: freshName(), embeddingFunction: null });

    expect(Object.prototype.hasOwnProperty.call(plain, 'getOrCreateCollection')).toBe(false);
    expectTree(telemetry.spans(), [
      { name: `getCollection ${name}`, attributes: { ...common('getCollection', name), ...STAMPED_OUTSIDE_TAGS } },
      { name: `getOrCreateCollection ${name}` },
      { name: `count ${name}` },
      { name: `count ${name}` },
      { name: `count ${name}` },
      { name: `deleteCollection ${name}` },
    ]);
  });

  it('keeps the returned documents for the evaluators of a later model call in the same trace', async () => {
    const seen: EvaluationContext[] = [];
    const recording: Evaluator = { name: 'recording', evaluate: (context) => (seen.push(context), []) };
    const telemetry = chroma.telemetry({ evaluation: evaluations({ evaluators: [recording] }) });
    const collection = instrumentChroma(await seeded(chroma.client(), freshName()));
    await traced({ scope: 'test', name: 'request' }, async (span) => {
      await collection.query({ queryEmbeddings: [embed(DOCS[3]!)], nResults: 2 });
      submitForEvaluation({ spanContext: span.spanContext(), question: 'q', answer: 'a', model: 'gpt-4o' });
    });
    await telemetry.obs.forceFlush();
    const [documents, ...others] = seen.map((context) => context.documents);
    expect(others).toEqual([]);
    expect(documents).toHaveLength(2);
    expect(documents?.[0]).toBe(DOCS[3]);
    expect(DOCS).toContain(documents?.[1]);
  });
});
