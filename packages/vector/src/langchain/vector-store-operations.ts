import type { Attributes } from '@opentelemetry/api';
import { semconv } from '@sightline/core/instrumentation';
import { addDimension, addFilter, addTopK } from '../request-attributes.js';
import { Spread } from '../result-stats.js';
import type { ResultSummary } from '../traced-operation.js';

/** LangChain's own default `k` for `similaritySearch` and `similaritySearchWithScore`. */
const LANGCHAIN_DEFAULT_K = 4;
const SCORE_NAMES = {
  min: semconv.ATTR_SIGHTLINE_VECTOR_SCORE_MIN,
  max: semconv.ATTR_SIGHTLINE_VECTOR_SCORE_MAX,
  mean: semconv.ATTR_SIGHTLINE_VECTOR_SCORE_MEAN,
};

/** How one VectorStore method reads its request (into `attributes`) and its result. */
export interface VectorStoreOperation {
  request?(args: unknown[], attributes: Attributes): void;
  summarize?(result: unknown): ResultSummary | undefined;
}

/** `(query, k?, filter?)`, the signature the similarity searches share. */
function searchRequest(args: unknown[], attributes: Attributes): void {
  addTopK(attributes, args[1] ?? LANGCHAIN_DEFAULT_K);
  addFilter(attributes, args[2]);
}

/** The VectorStore methods that get a span, keyed by method name (= `ATTR_DB_OPERATION_NAME`). */
export const VECTOR_STORE_OPERATIONS: Readonly<Record<string, VectorStoreOperation>> = {
  similaritySearch: { request: searchRequest, summarize: summarizeDocuments },
  similaritySearchWithScore: { request: searchRequest, summarize: summarizeScoredDocuments },
  similaritySearchVectorWithScore: {
    request(args, attributes) {
      searchRequest(args, attributes);
      addDimension(attributes, [args[0]]);
    },
    summarize: summarizeScoredDocuments,
  },
  maxMarginalRelevanceSearch: {
    request(args, attributes) {
      const { k, filter } = (args[1] ?? {}) as { k?: unknown; filter?: unknown };
      addTopK(attributes, k);
      addFilter(attributes, filter);
    },
    summarize: summarizeDocuments,
  },
  addDocuments: {},
  addVectors: { request: (args, attributes) => addDimension(attributes, args[0]) },
  delete: {},
};

function summarizeDocuments(result: unknown): ResultSummary | undefined {
  if (!Array.isArray(result)) return undefined;
  return {
    attributes: { [semconv.ATTR_DB_RESPONSE_RETURNED_ROWS]: result.length },
    returnedRows: result.length,
    documents: () => result.map((row) => (Array.isArray(row) ? row[0] : row)?.pageContent),
  };
}

/** `[document, score][]`: rows plus the score spread (similarity or distance, as the store defines it). */
function summarizeScoredDocuments(result: unknown): ResultSummary | undefined {
  const summary = summarizeDocuments(result);
  if (!summary?.attributes) return undefined;
  const scores = new Spread();
  for (const pair of result as unknown[]) if (Array.isArray(pair)) scores.add(pair[1]);
  scores.writeTo(summary.attributes, SCORE_NAMES);
  return summary;
}
