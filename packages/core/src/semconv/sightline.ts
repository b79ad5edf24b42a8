/** sightline.*: Sightline's own attributes, health metrics and reasons. Part of semconv.ts, the one place names live. */

// ---------------------------------------------------------------- sightline: attributes
/** `true` on a span whose captured `gen_ai.input.messages` or `gen_ai.output.messages` had its texts cut to fit the length bound (the JSON stays valid). */
export const ATTR_SIGHTLINE_CONTENT_TRUNCATED = 'sightline.content.truncated';
/** Span attribute on model-call spans: the call's cost in US dollars; absent when the model is unpriced or usage is missing. */
export const ATTR_SIGHTLINE_COST_USD = 'sightline.cost.usd';
/** Span attribute (`true`) on model-call spans whose provider reported no token usage. */
export const ATTR_SIGHTLINE_USAGE_MISSING = 'sightline.usage.missing';
/**
 * On a model-call span that started inside another model-call span: the same call seen by a second
 * instrumentation (LangChain's `ChatAnthropic` over the Anthropic SDK's own span). The outer span counts
 * it; request metrics and `sightline report` skip this one.
 */
export const ATTR_SIGHTLINE_MODEL_CALL_NESTED = 'sightline.model_call.nested';
/** Span attribute on model-call spans: 128-bit hex fingerprint of prompt, model and parameters (no content). */
export const ATTR_SIGHTLINE_PROMPT_HASH = 'sightline.prompt.hash';
/** Label on `sightline.tags.untagged` and `sightline.tags.defaulted`: which tag key was enriched. */
export const ATTR_SIGHTLINE_TAG_KEY = 'sightline.tag.key';
/** Label on `sightline.tags.rejected` and `sightline.telemetry.dropped`. */
export const ATTR_SIGHTLINE_REASON = 'sightline.reason';
/** Label on `sightline.tags.rejected`: `with_tags` or `baggage`. */
export const ATTR_SIGHTLINE_SOURCE = 'sightline.source';
/** Label on `sightline.telemetry.dropped`: `traces`, `metrics`, `logs` or `evaluations`. */
export const ATTR_SIGHTLINE_SIGNAL = 'sightline.signal';

// ---------------------------------------------------------------- sightline: values
/** Value a tag key gets on spans and metric labels when neither the context nor a default supplies it. */
export const UNTAGGED_VALUE = 'untagged';

// ---------------------------------------------------------------- sightline: metrics
/** Counter of model-call cost in US dollars; budgets are accounted from it. */
export const METRIC_SIGHTLINE_LLM_COST = 'sightline.llm.cost';
/** Health counter of telemetry items that got `"untagged"` for a required tag key: neither the context nor `defaultTags` set it. Label: sightline.tag.key. */
export const METRIC_SIGHTLINE_TAGS_UNTAGGED = 'sightline.tags.untagged';
/** Health counter of telemetry items whose tag key was filled from `defaultTags`, the context having none: an enrichment, not a gap. Label: sightline.tag.key. */
export const METRIC_SIGHTLINE_TAGS_DEFAULTED = 'sightline.tags.defaulted';
/** Health counter of tags dropped by validation. Labels: sightline.reason, sightline.source, sightline.tag.key (schema keys only). */
export const METRIC_SIGHTLINE_TAGS_REJECTED = 'sightline.tags.rejected';
/** Health counter of telemetry items lost before export. Labels: sightline.signal, sightline.reason. */
export const METRIC_SIGHTLINE_TELEMETRY_DROPPED = 'sightline.telemetry.dropped';

// ---------------------------------------------------------------- sightline: reasons
/** `sightline.reason` on `sightline.tags.rejected`: a known tag key whose value its schema rejects. */
export const REASON_INVALID_VALUE = 'invalid_value';
/** `sightline.reason` on `sightline.tags.rejected`: a tag key the schema does not have. */
export const REASON_UNKNOWN_KEY = 'unknown_key';
/** `sightline.reason` on `sightline.tags.rejected`: a schema key from a peer (baggage, MCP `_meta`) that the `incomingTags` policy does not accept. */
export const REASON_NOT_ACCEPTED = 'not_accepted';
/** `sightline.reason`: baggage header or entry over its size limit (`sightline.tags.rejected`), or MCP tracestate over 512 chars. */
export const REASON_OVERSIZED = 'oversized';
/**
 * `sightline.reason`: baggage with more than 64 entries (`sightline.tags.rejected`), a LangChain run evicted past the
 * open-run cap, or a measurement folded into a metric's `otel.metric.overflow` series past the series limit (`sightline.telemetry.dropped`).
 */
export const REASON_TOO_MANY_ENTRIES = 'too_many_entries';
/** `sightline.reason`: unparseable baggage or MCP trace context, or an evaluator score or judge reply of the wrong shape. */
export const REASON_MALFORMED = 'malformed';
/** `sightline.reason` on `sightline.telemetry.dropped`: a file exporter could not append to its file. */
export const REASON_WRITE_FAILED = 'write_failed';
/** `sightline.reason` on `sightline.telemetry.dropped`: the export queue was full. */
export const REASON_QUEUE_FULL = 'queue_full';
/** `sightline.reason` on `sightline.telemetry.dropped`: a network exporter reported a failed export. */
export const REASON_EXPORT_FAILED = 'export_failed';
/** `sightline.reason` on `sightline.telemetry.dropped`: an exporter threw while exporting a batch. */
export const REASON_EXPORT_THREW = 'export_threw';
/** `sightline.reason` on `sightline.telemetry.dropped`: a file exporter could not serialize the items. */
export const REASON_SERIALIZE_FAILED = 'serialize_failed';
/** `sightline.reason` on `sightline.telemetry.dropped`: an item arrived after shutdown, or evaluations were abandoned at it. */
export const REASON_SHUT_DOWN = 'shut_down';
/** `sightline.reason` on `sightline.telemetry.dropped`: a span still open when `shutdown()` ran, so never ended or exported. */
export const REASON_OPEN_AT_SHUTDOWN = 'open_at_shutdown';
/** `sightline.source` value: tags passed to `withTags` in code. */
export const SOURCE_WITH_TAGS = 'with_tags';
/** `sightline.source` value: tags read from incoming W3C baggage. */
export const SOURCE_BAGGAGE = 'baggage';

// ---------------------------------------------------------------- sightline: langchain + pricing
/** Counter of model calls whose model has no price: never reported as $0. Label: gen_ai.request.model. */
export const METRIC_SIGHTLINE_COST_UNPRICED = 'sightline.cost.unpriced';
/** Counter of model calls that reported no token usage. Labels: gen_ai.provider.name, gen_ai.request.model. */
export const METRIC_SIGHTLINE_USAGE_MISSING = 'sightline.usage.missing';

// ---------------------------------------------------------------- sightline: vector
/** Length of the embeddings sent with the request (query or write). */
export const ATTR_SIGHTLINE_VECTOR_EMBEDDING_DIMENSION = 'sightline.vector.embedding.dimension';
/** Whether a metadata or document filter narrowed the operation. */
export const ATTR_SIGHTLINE_VECTOR_FILTER_USED = 'sightline.vector.filter.used';
/** The filter itself, as JSON: only when content capture is on. */
export const ATTR_SIGHTLINE_VECTOR_FILTER_VALUE = 'sightline.vector.filter.value';
/** Spread of the distances a Chroma query returned (lower is closer). */
export const ATTR_SIGHTLINE_VECTOR_DISTANCE_MIN = 'sightline.vector.distance.min';
/** Span attribute on Chroma `query` spans: the largest distance returned. */
export const ATTR_SIGHTLINE_VECTOR_DISTANCE_MAX = 'sightline.vector.distance.max';
/** Span attribute on Chroma `query` spans: the mean distance returned. */
export const ATTR_SIGHTLINE_VECTOR_DISTANCE_MEAN = 'sightline.vector.distance.mean';
/** Spread of the scores a LangChain `*WithScore` search returned (similarity or distance: the store decides). */
export const ATTR_SIGHTLINE_VECTOR_SCORE_MIN = 'sightline.vector.score.min';
/** Span attribute on LangChain `*WithScore` search spans: the largest score returned. */
export const ATTR_SIGHTLINE_VECTOR_SCORE_MAX = 'sightline.vector.score.max';
/** Span attribute on LangChain `*WithScore` search spans: the mean score returned. */
export const ATTR_SIGHTLINE_VECTOR_SCORE_MEAN = 'sightline.vector.score.mean';
/** Histogram of the closest distance per query embedding: relevance drift shows as this moving up. */
export const METRIC_SIGHTLINE_VECTOR_BEST_DISTANCE = 'sightline.vector.best_distance';
/** Buckets for `sightline.vector.best_distance`: covers cosine (0..2) and squared L2 of unit vectors (0..4). */
export const DISTANCE_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1, 1.25, 1.5, 2, 3, 4];

// ---------------------------------------------------------------- sightline: buckets
/**
 * Tag keys may not start with these: they would collide with the attributes
 * Sightline and the OpenTelemetry semantic conventions already own.
 */
export const RESERVED_TAG_PREFIXES = ['gen_ai.', 'db.', 'mcp.', 'hw.', 'service.', 'telemetry.', 'sightline.'] as const;
