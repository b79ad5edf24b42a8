import type { Attributes } from '@opentelemetry/api';
import { semconv } from '@sightline/core/instrumentation';
import { addDimension, addFilter, addTopK } from '../request-attributes.js';
import { Spread } from '../result-stats.js';
import type { ResultSummary } from '../traced-operation.js';

/** chromadb's own default for `query({ nResults })`. */
const CHROMA_DEFAULT_N_RESULTS = 10;
const DISTANCE_NAMES = {
  min: semconv.ATTR_SIGHTLINE_VECTOR_DISTANCE_MIN,
  max: semconv.ATTR_SIGHTLINE_VECTOR_DISTANCE_MAX,
  mean: semconv.ATTR_SIGHTLINE_VECTOR_DISTANCE_MEAN,
};

interface QueryArgs {
  queryEmbeddings?: unknown;
  nResults?: unknown;
  where?: unknown;
  whereDocument?: unknown;
}

/** How one collection method reads its request (into `attributes`) and its result. */
export interface CollectionOperation {
  request?(args: unknown[], attributes: Attributes): void;
  summarize?(result: unknown): ResultSummary | undefined;
}

function filterRequest(args: unknown[], attributes: Attributes): void {
  const { where, whereDocument } = (args[0] ?? {}) as QueryArgs;
  addFilter(attributes, { where, whereDocument });
}

function writeRequest(args: unknown[], attributes: Attributes): void {
  addDimension(attributes, (args[0] as { embeddings?: unknown } | undefined)?.embeddings);
}

/** The Collection methods that get a span, keyed by method name (= `ATTR_DB_OPERATION_NAME`). */
export const COLLECTION_OPERATIONS: Readonly<Record<string, CollectionOperation>> = {
  query: {
    request(args, attributes) {
      const { queryEmbeddings, nResults } = (args[0] ?? {}) as QueryArgs;
      addTopK(attributes, nResults ?? CHROMA_DEFAULT_N_RESULTS);
      addDimension(attributes, queryEmbeddings);
      filterRequest(args, attributes);
    },
    summarize: summarizeQuery,
  },
  get: { request: filterRequest, summarize: summarizeGet },
  peek: { summarize: summarizeGet },
  delete: { request: filterRequest },
  add: { request: writeRequest },
  upsert: { request: writeRequest },
  update: { request: writeRequest },
  count: {},
};

/** Rows across all query embeddings; distance spread over all of them; the best distance of each. */
function summarizeQuery(result: unknown): ResultSummary | undefined {
  const { ids, distances, documents } = result as { ids?: unknown; distances?: unknown; documents?: unknown };
  if (!Array.isArray(ids)) return undefined;
  let rows = 0;
  for (const row of ids) if (Array.isArray(row)) rows += row.length;
  const overall = new Spread();
  const bestDistances: number[] = [];
  if (Array.isArray(distances)) {
    for (const row of distances) {
      if (!Array.isArray(row)) continue;
      const perQuery = new Spread();
      for (const distance of row) {
        perQuery.add(distance);
        overall.add(distance);
      }
      if (!perQuery.empty) bestDistances.push(perQuery.min);
    }
  }
  const attributes: Attributes = { [semconv.ATTR_DB_RESPONSE_RETURNED_ROWS]: rows };
  overall.writeTo(attributes, DISTANCE_NAMES);
  return { attributes, returnedRows: rows, bestDistances, documents: () => (Array.isArray(documents) ? documents.flat() : []) };
}

function summarizeGet(result: unknown): ResultSummary | undefined {
  const { ids } = result as { ids?: unknown };
  if (!Array.isArray(ids)) return undefined;
  return { attributes: { [semconv.ATTR_DB_RESPONSE_RETURNED_ROWS]: ids.length }, returnedRows: ids.length };
}
