/** sightline.request.*: request metrics. Part of semconv.ts, the one place names live. */

// ---------------------------------------------------------------- sightline: requests
/** Histogram of the cost of one request (a local root span and its local descendants), in US dollars: the sum of its spans' `sightline.cost.usd`; only for requests whose model calls were all priced. */
export const METRIC_SIGHTLINE_REQUEST_COST = 'sightline.request.cost';
/** Histogram of request duration (the local root span's), in seconds; its count is the number of requests. */
export const METRIC_SIGHTLINE_REQUEST_DURATION = 'sightline.request.duration';
/** Histogram of model calls (chat, text_completion, generate_content, embeddings spans) per request, `{call}`. */
export const METRIC_SIGHTLINE_REQUEST_MODEL_CALLS = 'sightline.request.model_calls';
/** Counter of failed layers per request: one per layer that failed in it. Label: sightline.request.failed_layer. */
export const METRIC_SIGHTLINE_REQUEST_ERRORS = 'sightline.request.errors';
/** Span attribute on a request's root span: the request's cost in US dollars (its spans' `sightline.cost.usd` summed), set as the root ends; only on a root that is not a model call itself (that one carries `sightline.cost.usd`) and made priced model calls, all of them priced. For tail sampling by request cost. */
export const ATTR_SIGHTLINE_REQUEST_COST_USD = 'sightline.request.cost.usd';
/** Label on the `sightline.request.*` histograms: `ok`, or `error` when any layer in the request (or its root) failed. */
export const ATTR_SIGHTLINE_REQUEST_OUTCOME = 'sightline.request.outcome';
/** Label on `sightline.request.errors`: the layer that failed, `model`, `tool`, `mcp` or `vector`. */
export const ATTR_SIGHTLINE_REQUEST_FAILED_LAYER = 'sightline.request.failed_layer';
/** `sightline.request.outcome` value: nothing in the request failed. */
export const REQUEST_OUTCOME_OK = 'ok';
/** `sightline.request.outcome` value: a model, tool, MCP or vector span in the request, or its root span, ended with status ERROR. */
export const REQUEST_OUTCOME_ERROR = 'error';
/** `sightline.request.failed_layer` value: a model-call span (chat, text_completion, generate_content, embeddings) failed. */
export const REQUEST_LAYER_MODEL = 'model';
/** `sightline.request.failed_layer` value: an `execute_tool` span without MCP attributes failed. */
export const REQUEST_LAYER_TOOL = 'tool';
/** `sightline.request.failed_layer` value: a vector-store span (`db.system.name` or `db.operation.name`) failed. */
export const REQUEST_LAYER_VECTOR = 'vector';
/** `sightline.reason` on `sightline.telemetry.dropped{sightline.signal="metrics"}`: a request not measured because too many were open at once. */
export const REASON_TOO_MANY_OPEN_REQUESTS = 'too_many_open_requests';
/** `sightline.reason` on `sightline.telemetry.dropped{sightline.signal="metrics"}`: a span left out of its request's metrics because too many spans were being tracked. */
export const REASON_TOO_MANY_TRACKED_SPANS = 'too_many_tracked_spans';
/** USD boundaries for `sightline.request.cost`: from a single small-model call (~$0.0001) to long agent runs (tens of dollars), 2-3 per decade. */
export const REQUEST_COST_BUCKETS_USD = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25,
];
/** Seconds for `sightline.request.duration`: agent requests run for minutes, past the 82 s top of the model-call buckets. */
export const REQUEST_DURATION_BUCKETS_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 60, 120, 300, 600];
/** Model calls per request for `sightline.request.model_calls`: every small count has its own bucket (0 = no model call). */
export const REQUEST_MODEL_CALL_BUCKETS = [0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50, 100];
