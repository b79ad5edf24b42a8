import { Document } from '@langchain/core/documents';
import { BaseRetriever } from '@langchain/core/retrievers';
import { instrumentChroma } from '@sightline/vector';
import { ChromaClient, type Collection } from 'chromadb';
import { PRODUCT_DOCS } from './docs-corpus.js';
import { hashingEmbeddingFunction } from './embedding.js';

export const COLLECTION_NAME = 'product-docs';

/** Creates the product-docs collection on a running Chroma and loads the corpus into it. */
export async function loadKnowledgeBase(host: string, port: number): Promise<Collection> {
  const client = instrumentChroma(new ChromaClient({ host, port }));
  const collection = await client.getOrCreateCollection({ name: COLLECTION_NAME, embeddingFunction: hashingEmbeddingFunction });
  await collection.upsert({
    ids: PRODUCT_DOCS.map((doc) => doc.id),
    documents: PRODUCT_DOCS.map((doc) => doc.text),
    metadatas: PRODUCT_DOCS.map((doc) => ({ topic: doc.topic })),
  });
  return collection;
}

/**
 * The agent's retriever: a k-nearest query on the collection. LangChain traces
 * it as a `retrieval` run, and the Chroma query span nests under it.
 */
export class ProductDocsRetriever extends BaseRetriever {
  override lc_namespace = ['sightline', 'demo'];

  constructor(
    private readonly collection: Collection,
    private readonly k = 3,
  ) {
    super({});
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const result = await this.collection.query({ queryTexts: [query], nResults: this.k });
    const ids = result.ids[0] ?? [];
    const texts = result.documents[0] ?? [];
    return ids.map((id, index) => new Document({ id, pageContent: texts[index] ?? '', metadata: { id } }));
  }
}
