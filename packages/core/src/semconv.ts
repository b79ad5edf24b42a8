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

export const SOURCE_WITH_TAGS = 'with_tags';
export const SOURCE_BAGGAGE = 'baggage';

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
