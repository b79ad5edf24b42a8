// Nesting under LangChain: the vector spans must be children of the retriever
// span that @sightline/langchain's handler opens, found through core's parent
// resolution (LangChain keeps its run in its own AsyncLocalStorage). The
// retriever runs inside a chain step, as it does in an app (an agent's tool, a
// RAG chain): a retriever's body has no LangChain context frame of its own, so
// the handler finds it from the caller's frame.
// LangChain's AsyncLocalStorage is switched on by importing langchain or
// LangGraph in an app; this suite uses @langchain/core alone, so it does it here.
import '@langchain/core/context';
import { SpanKind } from '@opentelemetry/api';
import { Document, type DocumentInterface } from '@langchain/core/documents';
import { BaseRetriever } from '@langchain/core/retrievers';
import { RunnableLambda } from '@langchain/core/runnables';
import { semconv } from '@sightline/core';
import { SightlineCallbackHandler } from '@sightline/langchain';
import { instrumentChroma, instrumentVectorStore } from '@sightline/vector';
import type { Collection } from 'chromadb';
import { describe, expect, it } from 'vitest';
import { expectParent, expectTree, findSpan } from '@sightline/testing';
import { useChromaSuite } from './support/chroma-suite.js';
import { embed } from './support/embeddings.js';
import { SmallVectorStore } from './support/small-vector-store.js';
import { STAMPED_TAGS, TEST_TAGS } from './support/telemetry.js';

/** A retriever whose body queries a Chroma collection directly. */
class ChromaRetriever extends BaseRetriever {
  lc_namespace = ['sightline', 'test'];
  constructor(private readonly collection: Collection) {
    super();
  }
  override async _getRelevantDocuments(query: string): Promise<DocumentInterface[]> {
    const result = await this.collection.query({ queryEmbeddings: [embed(query)], nResults: 3 });
    return (result.documents[0] ?? []).map((text) => new Document({ pageContent: text ?? '' }));
  }
}

const chroma = useChromaSuite();

describe('inside a LangChain retriever', () => {
  it('a retriever querying an instrumented Chroma collection gives retrieval → query, with the tags on both', async () => {
    const telemetry = chroma.telemetry();
    const client = instrumentChroma(chroma.client());
    const collection = await client.createCollection({ name: 'kb-docs', embeddingFunction: null });
    const texts = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
    await collection.add({ ids: texts, embeddings: texts.map((text) => embed(text)), documents: texts });
    telemetry.reset();
    const handler = new SightlineCallbackHandler();

    const retriever = new ChromaRetriever(collection).withConfig({ runName: 'kb_search' });
    const answer = RunnableLambda.from((question: string) => retriever.invoke(question)).withConfig({ runName: 'answer' });

    const documents = await telemetry.obs.withTags(TEST_TAGS, () => answer.invoke('beta', { callbacks: [handler] }));

    expect(documents.map((document) => document.pageContent)[0]).toBe('beta');
    expectTree(telemetry.spans(), {
      name: /answer/,
      children: [
        {
          name: 'retrieval kb_search',
          attributesContaining: { [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_RETRIEVAL, ...STAMPED_TAGS },
          children: [
            {
              name: 'query kb-docs',
              kind: SpanKind.CLIENT,
              attributesContaining: { [semconv.ATTR_DB_SYSTEM_NAME]: 'chroma', [semconv.ATTR_GEN_AI_REQUEST_TOP_K]: 3, ...STAMPED_TAGS },
              children: [],
            },
          ],
        },
      ],
    });
    expectParent(findSpan(telemetry.spans(), 'query kb-docs'), findSpan(telemetry.spans(), 'retrieval kb_search'));
    expect(handler.openRuns).toBe(0);
  });

  it('an instrumented VectorStore used through asRetriever() nests its search under the retriever span', async () => {
    const telemetry = chroma.telemetry();
    const store = instrumentVectorStore(new SmallVectorStore());
    await store.addDocuments(['one', 'two', 'three'].map((text) => new Document({ pageContent: text })));
    telemetry.reset();
    const handler = new SightlineCallbackHandler();

    const retriever = store.asRetriever(2);
    const answer = RunnableLambda.from((question: string) => retriever.invoke(question)).withConfig({ runName: 'answer' });

    await telemetry.obs.withTags(TEST_TAGS, () => answer.invoke('two', { callbacks: [handler] }));

    expectTree(telemetry.spans(), {
      name: /answer/,
      children: [
        {
          name: 'retrieval VectorStoreRetriever',
          attributesContaining: STAMPED_TAGS,
          children: [{ name: 'similaritySearch', kind: SpanKind.CLIENT, attributesContaining: STAMPED_TAGS, children: [] }],
        },
      ],
    });
    expect(handler.openRuns).toBe(0);
  });
});
