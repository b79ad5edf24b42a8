import * as names from '../semconv.js';

/** One metric Sightline records: its name, kind, unit and histogram buckets. */
export interface MetricDefinition {
  readonly name: string;
  readonly kind: 'histogram' | 'counter';
  readonly unit: string;
  readonly description: string;
  readonly buckets?: readonly number[];
}

function histogram(name: string, unit: string, description: string, buckets: readonly number[]): MetricDefinition {
  return Object.freeze({ name, kind: 'histogram', unit, description, buckets });
}

function counter(name: string, unit: string, description: string): MetricDefinition {
  return Object.freeze({ name, kind: 'counter', unit, description });
}

/** The instruments that integrations record through `recordMetric`. */
export const METRICS = Object.freeze({
  tokenUsage: histogram(names.METRIC_GEN_AI_CLIENT_TOKEN_USAGE, '{token}', 'Tokens used per model call', names.TOKEN_BUCKETS),
  modelDuration: histogram(names.METRIC_GEN_AI_CLIENT_OPERATION_DURATION, 's', 'Duration of model calls', names.DURATION_BUCKETS_SECONDS),
  llmCost: counter(names.METRIC_SIGHTLINE_LLM_COST, 'USD', 'Cost of model calls in US dollars'),
  mcpClientDuration: histogram(
    names.METRIC_MCP_CLIENT_OPERATION_DURATION,
    's',
    'Duration of MCP requests, caller side',
    names.MCP_DURATION_BUCKETS_SECONDS,
  ),
  mcpServerDuration: histogram(
    names.METRIC_MCP_SERVER_OPERATION_DURATION,
    's',
    'Duration of MCP requests, server side',
    names.MCP_DURATION_BUCKETS_SECONDS,
  ),
  dbDuration: histogram(
    names.METRIC_DB_CLIENT_OPERATION_DURATION,
    's',
    'Duration of vector store operations',
    names.DB_DURATION_BUCKETS_SECONDS,
  ),
  dbReturnedRows: histogram(
    names.METRIC_DB_CLIENT_RESPONSE_RETURNED_ROWS,
    '{row}',
    'Rows returned by vector store operations',
    names.ROW_BUCKETS,
  ),
  evalScore: histogram(names.METRIC_SIGHTLINE_EVAL_SCORE, '1', 'Evaluation scores, 0..1', names.SCORE_BUCKETS),
  evalBreaches: counter(names.METRIC_SIGHTLINE_EVAL_BREACHES, '{breach}', 'Evaluation scores below their threshold'),
  vectorBestDistance: histogram(
    names.METRIC_SIGHTLINE_VECTOR_BEST_DISTANCE,
    '1',
    'Closest distance returned per vector query',
    names.DISTANCE_BUCKETS,
  ),
  timeToFirstChunk: histogram(
    names.METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
    's',
    'Time to the first chunk of streamed model calls',
    names.DURATION_BUCKETS_SECONDS,
  ),
  requestCost: histogram(
    names.METRIC_SIGHTLINE_REQUEST_COST,
    'USD',
    'Cost of requests (a local root span and its descendants) in US dollars',
    names.REQUEST_COST_BUCKETS_USD,
  ),
  requestDuration: histogram(
    names.METRIC_SIGHTLINE_REQUEST_DURATION,
    's',
    'Duration of requests (their local root span)',
    names.REQUEST_DURATION_BUCKETS_SECONDS,
  ),
  requestModelCalls: histogram(
    names.METRIC_SIGHTLINE_REQUEST_MODEL_CALLS,
    '{call}',
    'Model calls per request',
    names.REQUEST_MODEL_CALL_BUCKETS,
  ),
  requestErrors: counter(
    names.METRIC_SIGHTLINE_REQUEST_ERRORS,
    '{error}',
    'Failed layers of requests, one per layer that failed in a request',
  ),
});
