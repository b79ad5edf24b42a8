import { SpanKind, type Attributes } from '@opentelemetry/api';
import { Document } from '@langchain/core/documents';
import { semconv } from '@sightline/core';
import { instrumentVectorStore } from '@sightline/vector';
import { afterEach, describe, expect, it } from 'vitest';
import { expectTree } from '@sightline/testing';
import { DIMENSION, embed } from './support/embeddings.js';
import { SmallVectorStore } from './support/small-vector-store.js';
import { setupTelemetry, STAMPED_OUTSIDE_TAGS, STAMPED_TAGS, TEST_TAGS, type Telemetry } from './support/telemetry.js';

const DOCS = Array.from({ length: 20 }, (_, index) => new Document({ pageContent: `note ${index}`, metadata: { even: index % 2 === 0 } }));

let telemetry: Telemetry | undefined;
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});

function common(operation: string, collection?: string): Attributes {
  return {
    [semconv.ATTR_DB_SYSTEM_NAME]: 'small-memory',
    [semconv.ATTR_DB_OPERATION_NAME]: operation,
    ...(collection ? { [semconv.ATTR_DB_COLLECTION_NAME]: collection } : {}),
  };
}

describe('instrumentVectorStore on a LangChain VectorStore', () => {
  it('records one CLIENT span per call, not one per inner call, with top-k, rows, dimension, filter and score spread', async () => {
    telemetry = setupTelemetry();
    const store = new SmallVectorStore();
    expect(instrumentVectorStore(store)).toBe(store);
    const evenOnly = (document: Document) => document.metadata.even === true;

    const results = await telemetry.obs.withTags(TEST_TAGS, async () => {
      await store.addDocuments(DOCS);
      await store.addVectors([embed('extra')], [new Document({ pageContent: 'extra' })]);
      return {
        plain: await store.similaritySearch('note 3'),
        scored: await store.similaritySearchWithScore('note 4', 3, evenOnly),
        byVector: await store.similaritySearchVectorWithScore(embed('note 5'), 2),
        diverse: await store.maxMarginalRelevanceSearch('note 6', { k: 3, fetchK: 10 }),
      };
    });

    const scores = results.scored.map(([, score]) => score);
    const vectorScores = results.byVector.map(([, score]) => score);
    expect(results.plain).toHaveLength(4);
    expect(results.scored.every(([document]) => document.metadata.even)).toBe(true);
    const rows = (count: number) => ({ [semconv.ATTR_DB_RESPONSE_RETURNED_ROWS]: count });
    const spread = (values: number[]) => ({
      [semconv.ATTR_SIGHTLINE_VECTOR_SCORE_MIN]: Math.min(...values),
      [semconv.ATTR_SIGHTLINE_VECTOR_SCORE_MAX]: Math.max(...values),
      [semconv.ATTR_SIGHTLINE_VECTOR_SCORE_MEAN]: values.reduce((sum, value) => sum + value, 0) / values.length,
    });
    const topK = (k: number) => ({ [semconv.ATTR_GEN_AI_REQUEST_TOP_K]: k });
    const filtered = (used: boolean) => ({ [semconv.ATTR_SIGHTLINE_VECTOR_FILTER_USED]: used });
    const dimension = { [semconv.ATTR_SIGHTLINE_VECTOR_EMBEDDING_DIMENSION]: DIMENSION };
    expectTree(telemetry.spans(), [
      { name: 'addDocuments', kind: SpanKind.CLIENT, attributes: { ...common('addDocuments'), ...STAMPED_TAGS }, children: [] },
      { name: 'addVectors', kind: SpanKind.CLIENT, attributes: { ...common('addVectors'), ...dimension, ...STAMPED_TAGS } },
      {
        name: 'similaritySearch',
        attributes: { ...common('similaritySearch'), ...topK(4), ...filtered(false), ...rows(4), ...STAMPED_TAGS },
        children: [],
      },
      {
        name: 'similaritySearchWithScore',
        attributes: {
          ...common('similaritySearchWithScore'),
          ...topK(3),
          ...filtered(true),
          ...rows(3),
          ...spread(scores),
          ...STAMPED_TAGS,
        },
      },
      {
        name: 'similaritySearchVectorWithScore',
        attributes: {
          ...common('similaritySearchVectorWithScore'),
          ...topK(2),
          ...filtered(false),
          ...dimension,
          ...rows(2),
          ...spread(vectorScores),
          ...STAMPED_TAGS,
        },
      },
      {
        name: 'maxMarginalRelevanceSearch',
        attributes: { ...common('maxMarginalRelevanceSearch'), ...topK(3), ...filtered(false), ...rows(3), ...STAMPED_TAGS },
        children: [],
      },
    ]);
  });

  it('puts the collection name in the span name and tags on the metrics', async () => {
    telemetry = setupTelemetry();
    const store = instrumentVectorStore(new SmallVectorStore(), { collectionName: 'notes', systemName: 'custom' });
    await store.addDocuments(DOCS);

    await telemetry.obs.withTags(TEST_TAGS, () => store.similaritySearch('note 1', 2));

    const metricAttributes = {
      ...common('similaritySearch', 'notes'),
      [semconv.ATTR_DB_SYSTEM_NAME]: 'custom',
      ...STAMPED_TAGS,
    };
    expect(telemetry.spans().map((span) => span.name)).toEqual(['addDocuments notes', 'similaritySearch notes']);
    const durations = await telemetry.points(semconv.METRIC_DB_CLIENT_OPERATION_DURATION);
    expect(durations.map((point) => point.attributes)).toContainEqual(metricAttributes);
    expect(await telemetry.points(semconv.METRIC_DB_CLIENT_RESPONSE_RETURNED_ROWS)).toEqual([
      { attributes: metricAttributes, value: expect.objectContaining({ count: 1, sum: 2 }) },
    ]);
  });

  it('passes the store’s own error through unchanged and ends the span with error.type', async () => {
    telemetry = setupTelemetry();
    const store = instrumentVectorStore(new SmallVectorStore());
    const bare = await new SmallVectorStore().delete().catch((error: Error) => error);

    const seen = await store.delete({ ids: ['x'] }).catch((error: Error) => error);

    expect([seen?.constructor, seen?.message]).toEqual([bare?.constructor, 'Not implemented.']);
    expectTree(telemetry.spans(), [
      { name: 'delete', attributes: { ...common('delete'), [semconv.ATTR_ERROR_TYPE]: 'Error', ...STAMPED_OUTSIDE_TAGS } },
    ]);
  });

  it('records the store spans through asRetriever(), without a LangChain handler too', async () => {
    telemetry = setupTelemetry();
    const store = instrumentVectorStore(new SmallVectorStore());
    await store.addDocuments(DOCS);
    telemetry.reset();

    const documents = await store.asRetriever(2).invoke('note 7');

    expect(documents).toHaveLength(2);
    expectTree(telemetry.spans(), [{ name: 'similaritySearch', attributesContaining: { [semconv.ATTR_GEN_AI_REQUEST_TOP_K]: 2 } }]);
  });
});
