import { init } from '@sightline/core';
import { instrumentChroma, instrumentVectorStore } from '@sightline/vector';
import { ChromaClient } from 'chromadb';
import type { VectorStore } from '@langchain/core/vectorstores';

declare const queryVector: number[];            // your query embedding
declare const myLangChainStore: VectorStore;    // any LangChain store

const obs = init({ serviceName: 'support-bot' });
const client = instrumentChroma(new ChromaClient({ host: '127.0.0.1', port: 8000 })); // the same client, instrumented
const docs = await client.getOrCreateCollection({ name: 'kb-docs', embeddingFunction: null }); // instrumented too

const hits = await obs.withTags({ team: 'search', feature: 'faq' }, () =>
  docs.query({ queryEmbeddings: [queryVector], nResults: 5, where: { lang: 'en' } }),
);
console.log(hits.ids[0], hits.distances[0]);

// Any LangChain VectorStore: its searches nest under the handler's retriever span.
const store = instrumentVectorStore(myLangChainStore, { collectionName: 'kb-docs' });
const passages = await store.asRetriever(4).invoke('how do I reset my password?');
void passages;
