// A minimal LangChain VectorStore (@langchain/core 1.4 ships no MemoryVectorStore):
// cosine similarity over an array, a predicate filter, and MMR from core's math utils.
import { Document, type DocumentInterface } from '@langchain/core/documents';
import { Embeddings } from '@langchain/core/embeddings';
import { cosineSimilarity, maximalMarginalRelevance } from '@langchain/core/utils/math';
import { VectorStore, type MaxMarginalRelevanceSearchOptions } from '@langchain/core/vectorstores';
import { embed } from './embeddings.js';

export class HashEmbeddings extends Embeddings {
  constructor() {
    super({});
  }
  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((document) => embed(document));
  }
  async embedQuery(document: string): Promise<number[]> {
    return embed(document);
  }
}

type Filter = (document: DocumentInterface) => boolean;
interface Entry {
  vector: number[];
  document: DocumentInterface;
}

export class SmallVectorStore extends VectorStore {
  declare FilterType: Filter;
  readonly entries: Entry[] = [];

  constructor(embeddings: Embeddings = new HashEmbeddings()) {
    super(embeddings, {});
  }

  _vectorstoreType(): string {
    return 'small-memory';
  }

  async addDocuments(documents: DocumentInterface[]): Promise<void> {
    await this.addVectors(await this.embeddings.embedDocuments(documents.map((document) => document.pageContent)), documents);
  }

  async addVectors(vectors: number[][], documents: DocumentInterface[]): Promise<void> {
    vectors.forEach((vector, index) => this.entries.push({ vector, document: documents[index] as DocumentInterface }));
  }

  async similaritySearchVectorWithScore(query: number[], k: number, filter?: Filter): Promise<[DocumentInterface, number][]> {
    const candidates = this.entries.filter((entry) => !filter || filter(entry.document));
    if (candidates.length === 0) return [];
    const [scores = []] = cosineSimilarity(
      [query],
      candidates.map((entry) => entry.vector),
    );
    return candidates
      .map((entry, index): [DocumentInterface, number] => [entry.document, scores[index] as number])
      .sort((a, b) => b[1] - a[1])
      .slice(0, k);
  }

  override async maxMarginalRelevanceSearch(
    query: string,
    options: MaxMarginalRelevanceSearchOptions<Filter>,
  ): Promise<DocumentInterface[]> {
    const vector = await this.embeddings.embedQuery(query);
    const fetched = await this.similaritySearchVectorWithScore(vector, options.fetchK ?? 20, options.filter);
    const vectors = fetched.map(([document]) => this.entries.find((entry) => entry.document === document)?.vector as number[]);
    return maximalMarginalRelevance(vector, vectors, options.lambda, options.k).map((index) => fetched[index]?.[0] as Document);
  }
}
