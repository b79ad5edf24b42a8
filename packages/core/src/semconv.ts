/**
 * Every attribute, metric, span-name prefix and event name Sightline emits.
 * OpenTelemetry semantic-convention names are used where one exists; the
 * `sightline.*` names are our own. Nothing outside this file spells a name.
 */

// ---------------------------------------------------------------- attributes
export const ATTR_SERVICE_NAME = 'service.name';
export const ATTR_SERVICE_VERSION = 'service.version';
export const ATTR_ERROR_TYPE = 'error.type';
export const ATTR_SERVER_ADDRESS = 'server.address';
export const ATTR_SERVER_PORT = 'server.port';
export const ATTR_NETWORK_TRANSPORT = 'network.transport';
export const ATTR_JSONRPC_REQUEST_ID = 'jsonrpc.request.id';

export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
export const ATTR_GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name';
export const ATTR_GEN_AI_AGENT_NAME = 'gen_ai.agent.name';
export const ATTR_GEN_AI_REQUEST_MODEL = 'gen_ai.request.model';
export const ATTR_GEN_AI_RESPONSE_MODEL = 'gen_ai.response.model';
export const ATTR_GEN_AI_RESPONSE_ID = 'gen_ai.response.id';
export const ATTR_GEN_AI_RESPONSE_FINISH_REASONS = 'gen_ai.response.finish_reasons';
export const ATTR_GEN_AI_REQUEST_TOP_K = 'gen_ai.request.top_k';
export const ATTR_GEN_AI_REQUEST_TEMPERATURE = 'gen_ai.request.temperature';
export const ATTR_GEN_AI_REQUEST_MAX_TOKENS = 'gen_ai.request.max_tokens';
export const ATTR_GEN_AI_USAGE_INPUT_TOKENS = 'gen_ai.usage.input_tokens';
export const ATTR_GEN_AI_USAGE_OUTPUT_TOKENS = 'gen_ai.usage.output_tokens';
export const ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS = 'gen_ai.usage.cache_read.input_tokens';
export const ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS = 'gen_ai.usage.cache_creation.input_tokens';
export const ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS = 'gen_ai.usage.reasoning.output_tokens';
export const ATTR_GEN_AI_TOKEN_TYPE = 'gen_ai.token.type';
export const ATTR_GEN_AI_TOOL_NAME = 'gen_ai.tool.name';
export const ATTR_GEN_AI_TOOL_CALL_ID = 'gen_ai.tool.call.id';
export const ATTR_GEN_AI_PROMPT_NAME = 'gen_ai.prompt.name';
export const ATTR_GEN_AI_DATA_SOURCE_ID = 'gen_ai.data_source.id';
export const ATTR_GEN_AI_INPUT_MESSAGES = 'gen_ai.input.messages';
export const ATTR_GEN_AI_OUTPUT_MESSAGES = 'gen_ai.output.messages';
export const ATTR_GEN_AI_EVALUATION_NAME = 'gen_ai.evaluation.name';
export const ATTR_GEN_AI_EVALUATION_SCORE_VALUE = 'gen_ai.evaluation.score.value';
export const ATTR_GEN_AI_EVALUATION_SCORE_LABEL = 'gen_ai.evaluation.score.label';
export const ATTR_GEN_AI_EVALUATION_EXPLANATION = 'gen_ai.evaluation.explanation';

export const ATTR_MCP_METHOD_NAME = 'mcp.method.name';
export const ATTR_MCP_SESSION_ID = 'mcp.session.id';
export const ATTR_MCP_PROTOCOL_VERSION = 'mcp.protocol.version';
export const ATTR_MCP_RESOURCE_URI = 'mcp.resource.uri';

export const ATTR_DB_SYSTEM_NAME = 'db.system.name';
export const ATTR_DB_OPERATION_NAME = 'db.operation.name';
export const ATTR_DB_COLLECTION_NAME = 'db.collection.name';
export const ATTR_DB_RESPONSE_RETURNED_ROWS = 'db.response.returned_rows';

export const ATTR_HW_ID = 'hw.id';
export const ATTR_HW_NAME = 'hw.name';
export const ATTR_HW_TYPE = 'hw.type';
export const ATTR_HW_VENDOR = 'hw.vendor';

export const ATTR_SIGHTLINE_COST_USD = 'sightline.cost.usd';
export const ATTR_SIGHTLINE_USAGE_MISSING = 'sightline.usage.missing';
export const ATTR_SIGHTLINE_PROMPT_HASH = 'sightline.prompt.hash';
/** Label on `sightline.tags.untagged`: which tag key was enriched. */
export const ATTR_SIGHTLINE_TAG_KEY = 'sightline.tag.key';
/** Label on `sightline.tags.rejected` and `sightline.telemetry.dropped`. */
export const ATTR_SIGHTLINE_REASON = 'sightline.reason';
/** Label on `sightline.tags.rejected`: `with_tags` or `baggage`. */
export const ATTR_SIGHTLINE_SOURCE = 'sightline.source';
/** Label on `sightline.telemetry.dropped`: `traces`, `metrics`, `logs` or `evaluations`. */
export const ATTR_SIGHTLINE_SIGNAL = 'sightline.signal';

// ---------------------------------------------------------------- values
export const GEN_AI_OPERATION_CHAT = 'chat';
export const GEN_AI_OPERATION_INVOKE_AGENT = 'invoke_agent';
export const GEN_AI_OPERATION_EXECUTE_TOOL = 'execute_tool';
export const GEN_AI_OPERATION_RETRIEVAL = 'retrieval';
export const ERROR_TYPE_OTHER = '_OTHER';
export const ERROR_TYPE_TIMEOUT = 'timeout';
export const ERROR_TYPE_TOOL_ERROR = 'tool_error';
export const UNTAGGED_VALUE = 'untagged';

// ---------------------------------------------------------------- metrics
export const METRIC_GEN_AI_CLIENT_TOKEN_USAGE = 'gen_ai.client.token.usage';
export const METRIC_GEN_AI_CLIENT_OPERATION_DURATION = 'gen_ai.client.operation.duration';
export const METRIC_SIGHTLINE_LLM_COST = 'sightline.llm.cost';
export const METRIC_MCP_CLIENT_OPERATION_DURATION = 'mcp.client.operation.duration';
export const METRIC_MCP_SERVER_OPERATION_DURATION = 'mcp.server.operation.duration';
export const METRIC_DB_CLIENT_OPERATION_DURATION = 'db.client.operation.duration';
export const METRIC_DB_CLIENT_RESPONSE_RETURNED_ROWS = 'db.client.response.returned_rows';
export const METRIC_HW_GPU_UTILIZATION = 'hw.gpu.utilization';
export const METRIC_HW_GPU_MEMORY_USAGE = 'hw.gpu.memory.usage';
export const METRIC_HW_GPU_MEMORY_LIMIT = 'hw.gpu.memory.limit';
export const METRIC_HW_GPU_MEMORY_UTILIZATION = 'hw.gpu.memory.utilization';
export const METRIC_HW_TEMPERATURE = 'hw.temperature';
export const METRIC_HW_POWER = 'hw.power';
export const METRIC_HW_ENERGY = 'hw.energy';
export const METRIC_SIGHTLINE_EVAL_SCORE = 'sightline.eval.score';
export const METRIC_SIGHTLINE_EVAL_BREACHES = 'sightline.eval.breaches';
export const METRIC_SIGHTLINE_TAGS_UNTAGGED = 'sightline.tags.untagged';
export const METRIC_SIGHTLINE_TAGS_REJECTED = 'sightline.tags.rejected';
export const METRIC_SIGHTLINE_TELEMETRY_DROPPED = 'sightline.telemetry.dropped';

// ---------------------------------------------------------------- reasons
export const REASON_INVALID_VALUE = 'invalid_value';
export const REASON_UNKNOWN_KEY = 'unknown_key';
export const REASON_OVERSIZED = 'oversized';
export const REASON_TOO_MANY_ENTRIES = 'too_many_entries';
export const REASON_MALFORMED = 'malformed';
export const REASON_WRITE_FAILED = 'write_failed';
export const REASON_QUEUE_FULL = 'queue_full';
export const REASON_EXPORT_FAILED = 'export_failed';
export const REASON_EXPORT_THREW = 'export_threw';
export const REASON_SERIALIZE_FAILED = 'serialize_failed';
export const REASON_SHUT_DOWN = 'shut_down';

export const SOURCE_WITH_TAGS = 'with_tags';
export const SOURCE_BAGGAGE = 'baggage';

// ---------------------------------------------------------------- langchain + pricing (issue 3)
export const ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK = 'gen_ai.response.time_to_first_chunk';
export const ATTR_GEN_AI_TOOL_CALL_ARGUMENTS = 'gen_ai.tool.call.arguments';
export const ATTR_GEN_AI_TOOL_CALL_RESULT = 'gen_ai.tool.call.result';
export const METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK = 'gen_ai.client.operation.time_to_first_chunk';
/** Counter of model calls whose model has no price: never reported as $0. Label: gen_ai.request.model. */
export const METRIC_SIGHTLINE_COST_UNPRICED = 'sightline.cost.unpriced';
/** Counter of model calls that reported no token usage. Labels: gen_ai.provider.name, gen_ai.request.model. */
export const METRIC_SIGHTLINE_USAGE_MISSING = 'sightline.usage.missing';
export const GEN_AI_TOKEN_TYPE_INPUT = 'input';
export const GEN_AI_TOKEN_TYPE_OUTPUT = 'output';
export const GEN_AI_PROVIDER_OPENAI = 'openai';
export const GEN_AI_PROVIDER_AZURE_OPENAI = 'azure.ai.openai';
export const GEN_AI_PROVIDER_ANTHROPIC = 'anthropic';
export const GEN_AI_PROVIDER_AWS_BEDROCK = 'aws.bedrock';
export const GEN_AI_PROVIDER_GCP_GEMINI = 'gcp.gemini';
export const GEN_AI_PROVIDER_GCP_VERTEX_AI = 'gcp.vertex_ai';

// ---------------------------------------------------------------- vector (issue 5)
/** Chroma's name as `db.system.name`. */
export const DB_SYSTEM_CHROMA = 'chroma';
/** Length of the embeddings sent with the request (query or write). */
export const ATTR_SIGHTLINE_VECTOR_EMBEDDING_DIMENSION = 'sightline.vector.embedding.dimension';
/** Whether a metadata or document filter narrowed the operation. */
export const ATTR_SIGHTLINE_VECTOR_FILTER_USED = 'sightline.vector.filter.used';
/** The filter itself, as JSON: only when content capture is on. */
export const ATTR_SIGHTLINE_VECTOR_FILTER_VALUE = 'sightline.vector.filter.value';
/** Spread of the distances a Chroma query returned (lower is closer). */
export const ATTR_SIGHTLINE_VECTOR_DISTANCE_MIN = 'sightline.vector.distance.min';
export const ATTR_SIGHTLINE_VECTOR_DISTANCE_MAX = 'sightline.vector.distance.max';
export const ATTR_SIGHTLINE_VECTOR_DISTANCE_MEAN = 'sightline.vector.distance.mean';
/** Spread of the scores a LangChain `*WithScore` search returned (similarity or distance: the store decides). */
export const ATTR_SIGHTLINE_VECTOR_SCORE_MIN = 'sightline.vector.score.min';
export const ATTR_SIGHTLINE_VECTOR_SCORE_MAX = 'sightline.vector.score.max';
export const ATTR_SIGHTLINE_VECTOR_SCORE_MEAN = 'sightline.vector.score.mean';
/** Histogram of the closest distance per query embedding: relevance drift shows as this moving up. */
export const METRIC_SIGHTLINE_VECTOR_BEST_DISTANCE = 'sightline.vector.best_distance';
/** Buckets for `sightline.vector.best_distance`: covers cosine (0..2) and squared L2 of unit vectors (0..4). */
export const DISTANCE_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1, 1.25, 1.5, 2, 3, 4];

// ---------------------------------------------------------------- mcp (issue 4)
/** `network.transport` values for MCP: stdio is a pipe, Streamable HTTP and SSE run over TCP. */
export const NETWORK_TRANSPORT_PIPE = 'pipe';
export const NETWORK_TRANSPORT_TCP = 'tcp';
/** `error.type` of an MCP server span whose request was cancelled, or whose connection closed, before it was answered. */
export const ERROR_TYPE_CANCELLED = 'cancelled';
/** Counter of trace context in MCP `_meta` that a server ignored. Labels: sightline.reason, sightline.propagation.field. */
export const METRIC_SIGHTLINE_MCP_CONTEXT_REJECTED = 'sightline.mcp.context.rejected';
/** Label on `sightline.mcp.context.rejected`: `traceparent`, `tracestate` or `baggage` (a non-string one; core counts bad entries). */
export const ATTR_SIGHTLINE_PROPAGATION_FIELD = 'sightline.propagation.field';

// ---------------------------------------------------------------- buckets
/** Semconv advice for `gen_ai.client.operation.duration` and other durations, in seconds. */
export const DURATION_BUCKETS_SECONDS = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];
/** Semconv advice for `mcp.client.operation.duration` and `mcp.server.operation.duration`, in seconds. */
export const MCP_DURATION_BUCKETS_SECONDS = [
  0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300,
];
/** Semconv advice for `db.client.operation.duration`, in seconds. */
export const DB_DURATION_BUCKETS_SECONDS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10];
/** Semconv advice for `gen_ai.client.token.usage`. */
export const TOKEN_BUCKETS = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
];
/** Row counts for `db.client.response.returned_rows`. */
export const ROW_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 10000];
/** 0..1 scores for `sightline.eval.score`. */
export const SCORE_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/**
 * Tag keys may not start with these: they would collide with the attributes
 * Sightline and the OpenTelemetry semantic conventions already own.
 */
export const RESERVED_TAG_PREFIXES = [
  'gen_ai.', 'db.', 'mcp.', 'hw.', 'service.', 'telemetry.', 'sightline.',
] as const;

// ---------------------------------------------------------------- @sightline/gpu
export const HW_TYPE_GPU = 'gpu';
export const HW_VENDOR_NVIDIA = 'nvidia';
export const HW_VENDOR_AMD = 'amd';
/** GPU snapshot on model-call spans (self-hosted providers by default): which GPU, and its state at start and end. */
export const ATTR_SIGHTLINE_GPU_ID = 'sightline.gpu.id';
/** 0..1 ratio, like `hw.gpu.utilization`. */
export const ATTR_SIGHTLINE_GPU_UTILIZATION_START = 'sightline.gpu.utilization.start';
export const ATTR_SIGHTLINE_GPU_UTILIZATION_END = 'sightline.gpu.utilization.end';
/** Bytes, like `hw.gpu.memory.usage`. */
export const ATTR_SIGHTLINE_GPU_MEMORY_USAGE_START = 'sightline.gpu.memory.usage.start';
export const ATTR_SIGHTLINE_GPU_MEMORY_USAGE_END = 'sightline.gpu.memory.usage.end';
/** Sampler health counters; restarts carry `sightline.reason` (exited or watchdog) and all carry `hw.vendor`. */
export const METRIC_SIGHTLINE_GPU_SAMPLER_RESTARTS = 'sightline.gpu.sampler.restarts';
export const METRIC_SIGHTLINE_GPU_SAMPLER_SKIPPED_LINES = 'sightline.gpu.sampler.skipped_lines';
export const METRIC_SIGHTLINE_GPU_SAMPLER_UNAVAILABLE = 'sightline.gpu.sampler.unavailable';
export const REASON_TOOL_EXITED = 'exited';
export const REASON_WATCHDOG = 'watchdog';
export const REASON_TOOL_NOT_FOUND = 'not_found';
export const REASON_TOOL_FAILED = 'failed';

// ---------------------------------------------------------------- evaluation (issue 8)
/** Event name of the log record that carries one evaluation score, parented to the evaluated span. */
export const EVENT_GEN_AI_EVALUATION_RESULT = 'gen_ai.evaluation.result';
/** Names of the rules a rule-based evaluator matched (never the matched text). */
export const ATTR_SIGHTLINE_EVAL_MATCHED_RULES = 'sightline.eval.matched_rules';
/** Counter of evaluations that produced no score. Labels: sightline.reason, gen_ai.evaluation.name. */
export const METRIC_SIGHTLINE_EVAL_ERRORS = 'sightline.eval.errors';
/** `sightline.telemetry.dropped{sightline.signal="evaluations"}` reason when an evaluator's queue is full. */
export const REASON_EVAL_QUEUE_FULL = 'eval_queue_full';
export const REASON_EVAL_TIMEOUT = 'timeout';
export const REASON_EVAL_REFUSED = 'refused';
export const REASON_EVAL_OUT_OF_RANGE = 'out_of_range';
export const REASON_EVAL_JUDGE_FAILED = 'judge_failed';
export const REASON_EVAL_EVALUATOR_FAILED = 'evaluator_failed';
/** The `feature` tag value on the judge's own model calls, so evaluation cost is attributed. */
export const EVAL_FEATURE_TAG_VALUE = 'sightline-eval';

// ---------------------------------------------------------------- budgets + cli (issue 7)
/** Event name of the log record for every alert Sightline raises (budget, quality breach, drift, untagged spike). */
export const EVENT_SIGHTLINE_ALERT = 'sightline.alert';
/** What raised a `sightline.alert`: `budget`, `quality_breach`, `drift` or `untagged_spike`. */
export const ATTR_SIGHTLINE_ALERT_KIND = 'sightline.alert.kind';
export const ALERT_KIND_BUDGET = 'budget';
export const ALERT_KIND_QUALITY_BREACH = 'quality_breach';
export const ALERT_KIND_DRIFT = 'drift';
export const ALERT_KIND_UNTAGGED_SPIKE = 'untagged_spike';
/** On an `untagged_spike` alert: the share (0..1) of spans in the window that carried no tag from their context. */
export const ATTR_SIGHTLINE_UNTAGGED_SHARE = 'sightline.untagged.share';
/** On an `untagged_spike` alert: spans started in the window so far. */
export const ATTR_SIGHTLINE_UNTAGGED_WINDOW_SPANS = 'sightline.untagged.window_spans';
/** Counter of budget thresholds crossed. Labels: sightline.budget.name, sightline.budget.window, sightline.budget.threshold. */
export const METRIC_SIGHTLINE_BUDGET_BREACHES = 'sightline.budget.breaches';
export const ATTR_SIGHTLINE_BUDGET_NAME = 'sightline.budget.name';
/** `1h`, `1d` or `30d`. */
export const ATTR_SIGHTLINE_BUDGET_WINDOW = 'sightline.budget.window';
/** The fraction of the limit that was crossed: 0.8 or 1. */
export const ATTR_SIGHTLINE_BUDGET_THRESHOLD = 'sightline.budget.threshold';
export const ATTR_SIGHTLINE_BUDGET_LIMIT_USD = 'sightline.budget.limit_usd';
export const ATTR_SIGHTLINE_BUDGET_SPENT_USD = 'sightline.budget.spent_usd';
/** ISO 8601 start of the window the alert belongs to. */
export const ATTR_SIGHTLINE_BUDGET_WINDOW_START = 'sightline.budget.window_start';
