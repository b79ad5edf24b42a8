/**
 * Every attribute, metric, span-name prefix and event name Sightline emits.
 * OpenTelemetry semantic-convention names are used where one exists; the
 * `sightline.*` names are our own. Nothing outside this file spells a name.
 */

// ---------------------------------------------------------------- attributes
/** Semconv `service.name` resource attribute: the `serviceName` option, else `OTEL_SERVICE_NAME`. */
export const ATTR_SERVICE_NAME = 'service.name';
/** Semconv resource attribute: the service version (default: `npm_package_version`, else `0.0.0`). */
export const ATTR_SERVICE_VERSION = 'service.version';
/** Semconv `error.type` on failed spans and duration-metric labels: error class, `_OTHER`, `timeout`, `tool_error`, `cancelled` or JSON-RPC code. */
export const ATTR_ERROR_TYPE = 'error.type';
/** Semconv `server.address`: host of the vector store server (Chroma), on vector spans and `db.client.*` metrics; of the MCP server (HTTP), on MCP spans and duration metrics. */
export const ATTR_SERVER_ADDRESS = 'server.address';
/** Semconv `server.port`: port of the vector store server, on vector spans and `db.client.*` metrics; of the MCP server (HTTP), on MCP spans and metrics. */
export const ATTR_SERVER_PORT = 'server.port';
/** Semconv `network.transport` on MCP client and server spans and duration metrics: `pipe` (stdio) or `tcp` (HTTP, SSE, WebSocket). */
export const ATTR_NETWORK_TRANSPORT = 'network.transport';
/** Semconv `jsonrpc.request.id` on MCP spans: the request's JSON-RPC id, as a string. */
export const ATTR_JSONRPC_REQUEST_ID = 'jsonrpc.request.id';
/** Semconv `rpc.response.status_code` on failed MCP spans and duration metrics: the JSON-RPC error code of the response, as a string. */
export const ATTR_RPC_RESPONSE_STATUS_CODE = 'rpc.response.status_code';

/** Semconv `gen_ai.operation.name` on GenAI spans and model-call metric labels: `chat`, `invoke_agent`, `execute_tool` (also MCP `tools/call` spans and metrics) or `retrieval`. */
export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
/** Semconv `gen_ai.provider.name` (e.g. `openai`) on model-call spans and as a label on model-call and evaluation metrics. */
export const ATTR_GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name';
/** Semconv `gen_ai.agent.name` on `invoke_agent` spans: the agent graph's run name or class name. */
export const ATTR_GEN_AI_AGENT_NAME = 'gen_ai.agent.name';
/** Semconv `gen_ai.request.model`: the requested model, on model-call spans and as a metric label (also on `sightline.cost.unpriced`). */
export const ATTR_GEN_AI_REQUEST_MODEL = 'gen_ai.request.model';
/** Semconv `gen_ai.response.model`: the model that answered, on model-call spans and metrics; on evaluation signals, the evaluated model. */
export const ATTR_GEN_AI_RESPONSE_MODEL = 'gen_ai.response.model';
/** Semconv `gen_ai.response.id` on model-call spans and on `gen_ai.evaluation.result` log records. */
export const ATTR_GEN_AI_RESPONSE_ID = 'gen_ai.response.id';
/** Semconv `gen_ai.response.finish_reasons` on model-call spans: string array, one per generation. */
export const ATTR_GEN_AI_RESPONSE_FINISH_REASONS = 'gen_ai.response.finish_reasons';
/** Semconv `gen_ai.request.top_k` on retrieval and vector-store spans: results requested (`k`, `nResults`). */
export const ATTR_GEN_AI_REQUEST_TOP_K = 'gen_ai.request.top_k';
/** Semconv `gen_ai.request.temperature` on model-call spans, when the invocation sets it. */
export const ATTR_GEN_AI_REQUEST_TEMPERATURE = 'gen_ai.request.temperature';
/** Semconv `gen_ai.request.max_tokens` on model-call spans, when the invocation sets it. */
export const ATTR_GEN_AI_REQUEST_MAX_TOKENS = 'gen_ai.request.max_tokens';
/** Semconv `gen_ai.usage.input_tokens` on model-call spans: prompt tokens the provider reported. */
export const ATTR_GEN_AI_USAGE_INPUT_TOKENS = 'gen_ai.usage.input_tokens';
/** Semconv `gen_ai.usage.output_tokens` on model-call spans: completion tokens the provider reported. */
export const ATTR_GEN_AI_USAGE_OUTPUT_TOKENS = 'gen_ai.usage.output_tokens';
/** Semconv `gen_ai.usage.cache_read.input_tokens` on model-call spans: input tokens served from the prompt cache. */
export const ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS = 'gen_ai.usage.cache_read.input_tokens';
/** Semconv `gen_ai.usage.cache_creation.input_tokens` on model-call spans: input tokens written to the prompt cache. */
export const ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS = 'gen_ai.usage.cache_creation.input_tokens';
/** `gen_ai.usage.reasoning.output_tokens` on model-call spans: output tokens spent on reasoning, when reported. */
export const ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS = 'gen_ai.usage.reasoning.output_tokens';
/** Semconv `gen_ai.token.type`: label on `gen_ai.client.token.usage`, `input` or `output` (semconv), or Sightline's `cache_read`, `cache_creation`, `reasoning`. */
export const ATTR_GEN_AI_TOKEN_TYPE = 'gen_ai.token.type';
/** Semconv `gen_ai.tool.name` on `execute_tool` and MCP `tools/call` spans; also a label on the MCP duration metrics. */
export const ATTR_GEN_AI_TOOL_NAME = 'gen_ai.tool.name';
/** Semconv `gen_ai.tool.call.id` on `execute_tool` spans: the model's id for the tool call. */
export const ATTR_GEN_AI_TOOL_CALL_ID = 'gen_ai.tool.call.id';
/** Semconv `gen_ai.prompt.name` on MCP `prompts/get` spans and duration metrics: the requested prompt. */
export const ATTR_GEN_AI_PROMPT_NAME = 'gen_ai.prompt.name';
/** Semconv `gen_ai.data_source.id` on `retrieval` spans: the retriever's run name or class name. */
export const ATTR_GEN_AI_DATA_SOURCE_ID = 'gen_ai.data_source.id';
/** Semconv `gen_ai.input.messages` on model-call spans: the prompt as JSON (redacted, truncated); only with content capture on. */
export const ATTR_GEN_AI_INPUT_MESSAGES = 'gen_ai.input.messages';
/** Semconv `gen_ai.output.messages` on model-call spans: the completions as JSON (redacted, truncated); only with content capture on. */
export const ATTR_GEN_AI_OUTPUT_MESSAGES = 'gen_ai.output.messages';
/** `true` on a span whose captured `gen_ai.input.messages` or `gen_ai.output.messages` had its texts cut to fit the length bound (the JSON stays valid). */
export const ATTR_SIGHTLINE_CONTENT_TRUNCATED = 'sightline.content.truncated';
/** Semconv `gen_ai.evaluation.name` on evaluation log records, `sightline.eval.*` metric labels and quality alerts. */
export const ATTR_GEN_AI_EVALUATION_NAME = 'gen_ai.evaluation.name';
/** Semconv `gen_ai.evaluation.score.value` on `gen_ai.evaluation.result` and `quality_breach` records: the score, 0..1. */
export const ATTR_GEN_AI_EVALUATION_SCORE_VALUE = 'gen_ai.evaluation.score.value';
/** Semconv `gen_ai.evaluation.score.label` on `gen_ai.evaluation.result` log records: the evaluator's label for the score. */
export const ATTR_GEN_AI_EVALUATION_SCORE_LABEL = 'gen_ai.evaluation.score.label';
/** Semconv `gen_ai.evaluation.explanation` on `gen_ai.evaluation.result` log records (one that may quote content only with capture on). */
export const ATTR_GEN_AI_EVALUATION_EXPLANATION = 'gen_ai.evaluation.explanation';

/** Semconv `mcp.method.name` on MCP spans and as a label on the MCP duration metrics (e.g. `tools/call`). */
export const ATTR_MCP_METHOD_NAME = 'mcp.method.name';
/** Semconv `mcp.session.id` on MCP spans, when the transport has a session (Streamable HTTP). */
export const ATTR_MCP_SESSION_ID = 'mcp.session.id';
/** Semconv `mcp.protocol.version` on MCP spans and metrics: the negotiated protocol version. */
export const ATTR_MCP_PROTOCOL_VERSION = 'mcp.protocol.version';
/** Semconv `mcp.resource.uri` on MCP `resources/*` spans (capped at 2048 characters). */
export const ATTR_MCP_RESOURCE_URI = 'mcp.resource.uri';

/** Semconv `db.system.name` on vector-store spans and `db.client.*` metrics: e.g. `chroma`, or the LangChain store type. */
export const ATTR_DB_SYSTEM_NAME = 'db.system.name';
/** Semconv `db.operation.name` on vector-store spans and `db.client.*` metrics: the method called (e.g. `query`). */
export const ATTR_DB_OPERATION_NAME = 'db.operation.name';
/** Semconv `db.collection.name` on vector-store spans and `db.client.*` metrics, when known. */
export const ATTR_DB_COLLECTION_NAME = 'db.collection.name';
/** Semconv `db.response.returned_rows` on vector-store spans: rows (documents) returned. */
export const ATTR_DB_RESPONSE_RETURNED_ROWS = 'db.response.returned_rows';

/** Semconv `hw.id`: label on the `hw.*` GPU metrics, the GPU's id. */
export const ATTR_HW_ID = 'hw.id';
/** Semconv `hw.name`: label on the `hw.*` GPU metrics, the GPU's model name. */
export const ATTR_HW_NAME = 'hw.name';
/** Semconv `hw.type`: label on the `hw.*` GPU metrics, always `gpu`. */
export const ATTR_HW_TYPE = 'hw.type';
/** Semconv `hw.vendor`: label on the `hw.*` GPU metrics and the GPU sampler health counters, `nvidia` or `amd`. */
export const ATTR_HW_VENDOR = 'hw.vendor';

/** Span attribute on model-call spans: the call's cost in US dollars; absent when the model is unpriced or usage is missing. */
export const ATTR_SIGHTLINE_COST_USD = 'sightline.cost.usd';
/** Span attribute (`true`) on model-call spans whose provider reported no token usage. */
export const ATTR_SIGHTLINE_USAGE_MISSING = 'sightline.usage.missing';
/** Span attribute on model-call spans: 128-bit hex fingerprint of prompt, model and parameters (no content). */
export const ATTR_SIGHTLINE_PROMPT_HASH = 'sightline.prompt.hash';
/** Label on `sightline.tags.untagged`: which tag key was enriched. */
export const ATTR_SIGHTLINE_TAG_KEY = 'sightline.tag.key';
/** Label on `sightline.tags.rejected` and `sightline.telemetry.dropped`. */
export const ATTR_SIGHTLINE_REASON = 'sightline.reason';
/** Label on `sightline.tags.rejected`: `with_tags` or `baggage`. */
export const ATTR_SIGHTLINE_SOURCE = 'sightline.source';
/** Label on `sightline.telemetry.dropped`: `traces`, `metrics`, `logs` or `evaluations`. */
export const ATTR_SIGHTLINE_SIGNAL = 'sightline.signal';

/** Semconv `session.id`: an optional tag of the default schema, on spans and logs only (never a metric label). */
export const TAG_SESSION_ID = 'session.id';
/** Semconv `user.id`: an optional tag of the default schema, hashed by default, on spans and logs only. */
export const TAG_USER_ID = 'user.id';

// ---------------------------------------------------------------- values
/** `gen_ai.operation.name` value for model calls; also the span name prefix (`chat {model}`). */
export const GEN_AI_OPERATION_CHAT = 'chat';
/** `gen_ai.operation.name` value for agent-graph runs; also the span name prefix (`invoke_agent {agent}`). */
export const GEN_AI_OPERATION_INVOKE_AGENT = 'invoke_agent';
/** `gen_ai.operation.name` value for tool runs; also the span name prefix (`execute_tool {tool}`). */
export const GEN_AI_OPERATION_EXECUTE_TOOL = 'execute_tool';
/** `gen_ai.operation.name` value for retriever runs; also the span name prefix (`retrieval {data source}`). */
export const GEN_AI_OPERATION_RETRIEVAL = 'retrieval';
/** `error.type` value when the thrown value is not an `Error` (semconv fallback). */
export const ERROR_TYPE_OTHER = '_OTHER';
/** `error.type` value of an MCP request that failed with JSON-RPC code -32001 (request timeout). */
export const ERROR_TYPE_TIMEOUT = 'timeout';
/** `error.type` value of an MCP `tools/call` span whose result had `isError: true`. */
export const ERROR_TYPE_TOOL_ERROR = 'tool_error';
/** Value a tag key gets on spans and metric labels when neither the context nor a default supplies it. */
export const UNTAGGED_VALUE = 'untagged';

// ---------------------------------------------------------------- metrics
/** Semconv histogram of tokens per model call, `{token}`, labelled by `gen_ai.token.type`. */
export const METRIC_GEN_AI_CLIENT_TOKEN_USAGE = 'gen_ai.client.token.usage';
/** Semconv histogram of model-call duration, in seconds. */
export const METRIC_GEN_AI_CLIENT_OPERATION_DURATION = 'gen_ai.client.operation.duration';
/** Counter of model-call cost in US dollars; budgets are accounted from it. */
export const METRIC_SIGHTLINE_LLM_COST = 'sightline.llm.cost';
/** Semconv histogram of MCP request duration on the caller side, in seconds. */
export const METRIC_MCP_CLIENT_OPERATION_DURATION = 'mcp.client.operation.duration';
/** Semconv histogram of MCP request duration on the server side, in seconds. */
export const METRIC_MCP_SERVER_OPERATION_DURATION = 'mcp.server.operation.duration';
/** Semconv histogram of MCP session duration on the caller side, in seconds (from `initialize` to the connection closing). */
export const METRIC_MCP_CLIENT_SESSION_DURATION = 'mcp.client.session.duration';
/** Semconv histogram of MCP session duration on the server side, in seconds (from `initialize` to the connection closing). */
export const METRIC_MCP_SERVER_SESSION_DURATION = 'mcp.server.session.duration';
/** Semconv histogram of vector-store operation duration, in seconds. */
export const METRIC_DB_CLIENT_OPERATION_DURATION = 'db.client.operation.duration';
/** Semconv histogram of rows returned per vector-store operation, `{row}`. */
export const METRIC_DB_CLIENT_RESPONSE_RETURNED_ROWS = 'db.client.response.returned_rows';
/** Semconv observable gauge: fraction of time each GPU was busy, 0..1. */
export const METRIC_HW_GPU_UTILIZATION = 'hw.gpu.utilization';
/** Semconv observable up-down counter: GPU memory in use, in bytes. */
export const METRIC_HW_GPU_MEMORY_USAGE = 'hw.gpu.memory.usage';
/** Semconv observable up-down counter: GPU memory size, in bytes. */
export const METRIC_HW_GPU_MEMORY_LIMIT = 'hw.gpu.memory.limit';
/** Semconv observable gauge: fraction of GPU memory in use, 0..1. */
export const METRIC_HW_GPU_MEMORY_UTILIZATION = 'hw.gpu.memory.utilization';
/** Semconv observable gauge: GPU temperature, in degrees Celsius. */
export const METRIC_HW_TEMPERATURE = 'hw.temperature';
/** Semconv observable gauge: GPU power draw, in watts. */
export const METRIC_HW_POWER = 'hw.power';
/** Semconv observable counter: GPU energy, in joules, integrated from power draw. */
export const METRIC_HW_ENERGY = 'hw.energy';
/** Histogram of evaluation scores, 0..1. Labels: gen_ai.evaluation.name, gen_ai.response.model, gen_ai.provider.name. */
export const METRIC_SIGHTLINE_EVAL_SCORE = 'sightline.eval.score';
/** Counter of evaluation scores below their threshold; same labels as `sightline.eval.score`. */
export const METRIC_SIGHTLINE_EVAL_BREACHES = 'sightline.eval.breaches';
/** Health counter of telemetry items enriched because a tag key was missing. Label: sightline.tag.key. */
export const METRIC_SIGHTLINE_TAGS_UNTAGGED = 'sightline.tags.untagged';
/** Health counter of tags dropped by validation. Labels: sightline.reason, sightline.source, sightline.tag.key (schema keys only). */
export const METRIC_SIGHTLINE_TAGS_REJECTED = 'sightline.tags.rejected';
/** Health counter of telemetry items lost before export. Labels: sightline.signal, sightline.reason. */
export const METRIC_SIGHTLINE_TELEMETRY_DROPPED = 'sightline.telemetry.dropped';
/** `true` on the one series that collects a metric's measurements past its series limit (the OTel SDK's name). */
export const ATTR_OTEL_METRIC_OVERFLOW = 'otel.metric.overflow';

// ---------------------------------------------------------------- reasons
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

// ---------------------------------------------------------------- langchain + pricing
/** Semconv `gen_ai.response.time_to_first_chunk` on streamed model-call spans: seconds from the call's start to its first chunk. */
export const ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK = 'gen_ai.response.time_to_first_chunk';
/** Semconv `gen_ai.tool.call.arguments` on `execute_tool` spans: the tool input (redacted); only with content capture on. */
export const ATTR_GEN_AI_TOOL_CALL_ARGUMENTS = 'gen_ai.tool.call.arguments';
/** Semconv `gen_ai.tool.call.result` on `execute_tool` spans: the tool output (redacted); only with content capture on. */
export const ATTR_GEN_AI_TOOL_CALL_RESULT = 'gen_ai.tool.call.result';
/** Semconv histogram of time to the first chunk of streamed model calls, in seconds. */
export const METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK = 'gen_ai.client.operation.time_to_first_chunk';
/** Counter of model calls whose model has no price: never reported as $0. Label: gen_ai.request.model. */
export const METRIC_SIGHTLINE_COST_UNPRICED = 'sightline.cost.unpriced';
/** Counter of model calls that reported no token usage. Labels: gen_ai.provider.name, gen_ai.request.model. */
export const METRIC_SIGHTLINE_USAGE_MISSING = 'sightline.usage.missing';
/** `gen_ai.token.type` value for input (prompt) tokens. */
export const GEN_AI_TOKEN_TYPE_INPUT = 'input';
/** `gen_ai.token.type` value for output (completion) tokens. */
export const GEN_AI_TOKEN_TYPE_OUTPUT = 'output';
/** Semconv `gen_ai.provider.name` value for OpenAI models. */
export const GEN_AI_PROVIDER_OPENAI = 'openai';
/** Semconv `gen_ai.provider.name` value for Azure OpenAI models. */
export const GEN_AI_PROVIDER_AZURE_OPENAI = 'azure.ai.openai';
/** Semconv `gen_ai.provider.name` value for Anthropic models. */
export const GEN_AI_PROVIDER_ANTHROPIC = 'anthropic';
/** Semconv `gen_ai.provider.name` value for AWS Bedrock models. */
export const GEN_AI_PROVIDER_AWS_BEDROCK = 'aws.bedrock';
/** Semconv `gen_ai.provider.name` value for Google Gemini (Generative AI API) models. */
export const GEN_AI_PROVIDER_GCP_GEMINI = 'gcp.gemini';
/** Semconv `gen_ai.provider.name` value for Google Vertex AI models. */
export const GEN_AI_PROVIDER_GCP_VERTEX_AI = 'gcp.vertex_ai';

// ---------------------------------------------------------------- vector
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

// ---------------------------------------------------------------- mcp
/** `network.transport` values for MCP: stdio is a pipe, Streamable HTTP and SSE run over TCP. */
export const NETWORK_TRANSPORT_PIPE = 'pipe';
/** `network.transport` value for MCP over Streamable HTTP, SSE or WebSocket. */
export const NETWORK_TRANSPORT_TCP = 'tcp';
/** `network.transport` value for a Unix domain socket: like a pipe, a local transport (no implicit-policy warning for incoming tags). */
export const NETWORK_TRANSPORT_UNIX = 'unix';
/** `error.type` of an MCP request the caller aborted (its AbortSignal), or a server span whose request was cancelled, or whose connection closed, before it was answered. */
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
/** `hw.type` value on the GPU metrics. */
export const HW_TYPE_GPU = 'gpu';
/** `hw.vendor` value for NVIDIA GPUs (sampled with nvidia-smi). */
export const HW_VENDOR_NVIDIA = 'nvidia';
/** `hw.vendor` value for AMD GPUs (sampled with rocm-smi). */
export const HW_VENDOR_AMD = 'amd';
/** GPU snapshot on model-call spans (self-hosted providers by default): which GPU, and its state at start and end. */
export const ATTR_SIGHTLINE_GPU_ID = 'sightline.gpu.id';
/** 0..1 ratio, like `hw.gpu.utilization`. */
export const ATTR_SIGHTLINE_GPU_UTILIZATION_START = 'sightline.gpu.utilization.start';
/** Span attribute on model-call spans: the serving GPU's utilization at span end, 0..1. */
export const ATTR_SIGHTLINE_GPU_UTILIZATION_END = 'sightline.gpu.utilization.end';
/** Bytes, like `hw.gpu.memory.usage`. */
export const ATTR_SIGHTLINE_GPU_MEMORY_USAGE_START = 'sightline.gpu.memory.usage.start';
/** Span attribute on model-call spans: the serving GPU's memory in use at span end, in bytes. */
export const ATTR_SIGHTLINE_GPU_MEMORY_USAGE_END = 'sightline.gpu.memory.usage.end';
/** Sampler health counters; restarts carry `sightline.reason` (exited or watchdog) and all carry `hw.vendor`. */
export const METRIC_SIGHTLINE_GPU_SAMPLER_RESTARTS = 'sightline.gpu.sampler.restarts';
/** Health counter of GPU tool output lines or documents that could not be parsed. Label: hw.vendor. */
export const METRIC_SIGHTLINE_GPU_SAMPLER_SKIPPED_LINES = 'sightline.gpu.sampler.skipped_lines';
/** Health counter of GPU samplers that found no usable GPU tool. Labels: hw.vendor, sightline.reason (`not_found` or `failed`). */
export const METRIC_SIGHTLINE_GPU_SAMPLER_UNAVAILABLE = 'sightline.gpu.sampler.unavailable';
/** `sightline.reason` on `sightline.gpu.sampler.restarts`: the GPU tool process exited. */
export const REASON_TOOL_EXITED = 'exited';
/** `sightline.reason` on `sightline.gpu.sampler.restarts`: the GPU tool went quiet and the watchdog killed it. */
export const REASON_WATCHDOG = 'watchdog';
/** `sightline.reason` on `sightline.gpu.sampler.unavailable`: the GPU tool (nvidia-smi, rocm-smi) is not installed. */
export const REASON_TOOL_NOT_FOUND = 'not_found';
/** `sightline.reason` on `sightline.gpu.sampler.unavailable`: the GPU tool could not be started or exited before its first sample. */
export const REASON_TOOL_FAILED = 'failed';

// ---------------------------------------------------------------- evaluation
/** Event name of the log record that carries one evaluation score, parented to the evaluated span. */
export const EVENT_GEN_AI_EVALUATION_RESULT = 'gen_ai.evaluation.result';
/** Names of the rules a rule-based evaluator matched (never the matched text). */
export const ATTR_SIGHTLINE_EVAL_MATCHED_RULES = 'sightline.eval.matched_rules';
/** Counter of evaluations that produced no score. Labels: sightline.reason, gen_ai.evaluation.name. */
export const METRIC_SIGHTLINE_EVAL_ERRORS = 'sightline.eval.errors';
/** `sightline.telemetry.dropped{sightline.signal="evaluations"}` reason when an evaluator's queue is full. */
export const REASON_EVAL_QUEUE_FULL = 'eval_queue_full';
/** `sightline.reason` on `sightline.eval.errors`: an evaluator or judge call ran past its timeout. */
export const REASON_EVAL_TIMEOUT = 'timeout';
/** `sightline.reason` on `sightline.eval.errors`: the judge model refused to score. */
export const REASON_EVAL_REFUSED = 'refused';
/** `sightline.reason` on `sightline.eval.errors`: a score outside 0..1. */
export const REASON_EVAL_OUT_OF_RANGE = 'out_of_range';
/** `sightline.reason` on `sightline.eval.errors`: the LLM judge function threw or rejected. */
export const REASON_EVAL_JUDGE_FAILED = 'judge_failed';
/** `sightline.reason` on `sightline.eval.errors`: an evaluator threw or rejected. */
export const REASON_EVAL_EVALUATOR_FAILED = 'evaluator_failed';
/** The `feature` tag value on the judge's own model calls, so evaluation cost is attributed. */
export const EVAL_FEATURE_TAG_VALUE = 'sightline-eval';

// ---------------------------------------------------------------- budgets + cli
/** Event name of the log record for every alert Sightline raises (budget, quality breach, drift, untagged spike). */
export const EVENT_SIGHTLINE_ALERT = 'sightline.alert';
/** What raised a `sightline.alert`: `budget`, `quality_breach`, `drift` or `untagged_spike`. */
export const ATTR_SIGHTLINE_ALERT_KIND = 'sightline.alert.kind';
/** `sightline.alert.kind` value: a budget threshold was crossed. */
export const ALERT_KIND_BUDGET = 'budget';
/** `sightline.alert.kind` value: an evaluation score fell below its threshold. */
export const ALERT_KIND_QUALITY_BREACH = 'quality_breach';
/** `sightline.alert.kind` value: an evaluation's rolling mean score drifted below its reference. */
export const ALERT_KIND_DRIFT = 'drift';
/** `sightline.alert.kind` value: too large a share of a window's spans carried no tags. */
export const ALERT_KIND_UNTAGGED_SPIKE = 'untagged_spike';
/** On an `untagged_spike` alert: the share (0..1) of spans in the window that carried no tag from their context. */
export const ATTR_SIGHTLINE_UNTAGGED_SHARE = 'sightline.untagged.share';
/** On an `untagged_spike` alert: spans started in the window so far. */
export const ATTR_SIGHTLINE_UNTAGGED_WINDOW_SPANS = 'sightline.untagged.window_spans';
/** Counter of budget thresholds crossed. Labels: sightline.budget.name, sightline.budget.window, sightline.budget.threshold. */
export const METRIC_SIGHTLINE_BUDGET_BREACHES = 'sightline.budget.breaches';
/** Label on `sightline.budget.breaches` and attribute on budget alerts: the budget's name. */
export const ATTR_SIGHTLINE_BUDGET_NAME = 'sightline.budget.name';
/** `1h`, `1d` or `30d`. */
export const ATTR_SIGHTLINE_BUDGET_WINDOW = 'sightline.budget.window';
/** The fraction of the limit that was crossed: 0.8 or 1. */
export const ATTR_SIGHTLINE_BUDGET_THRESHOLD = 'sightline.budget.threshold';
/** On a `budget` alert record: the budget's limit in US dollars. */
export const ATTR_SIGHTLINE_BUDGET_LIMIT_USD = 'sightline.budget.limit_usd';
/** On a `budget` alert record: US dollars spent since the window started. */
export const ATTR_SIGHTLINE_BUDGET_SPENT_USD = 'sightline.budget.spent_usd';
/** ISO 8601 start of the window the alert belongs to. */
export const ATTR_SIGHTLINE_BUDGET_WINDOW_START = 'sightline.budget.window_start';

/** Counter: OpenTelemetry SDKs found in conflict with `init()`, by `sightline.sdk.order` (`sdk_first`, `sightline_first`). */
export const METRIC_SIGHTLINE_SDK_CONFLICTS = 'sightline.sdk.conflicts';
export const ATTR_SIGHTLINE_SDK_ORDER = 'sightline.sdk.order';

/** A conversation (thread, session) id: LangGraph's `thread_id` on LangChain runs. */
export const ATTR_GEN_AI_CONVERSATION_ID = 'gen_ai.conversation.id';

// ---------------------------------------------------------------- requests
/** Histogram of the cost of one request (a local root span and its local descendants), in US dollars: the sum of its spans' `sightline.cost.usd`; only for requests whose model calls were all priced. */
export const METRIC_SIGHTLINE_REQUEST_COST = 'sightline.request.cost';
/** Histogram of request duration (the local root span's), in seconds; its count is the number of requests. */
export const METRIC_SIGHTLINE_REQUEST_DURATION = 'sightline.request.duration';
/** Histogram of model calls (chat, text_completion, generate_content, embeddings spans) per request, `{call}`. */
export const METRIC_SIGHTLINE_REQUEST_MODEL_CALLS = 'sightline.request.model_calls';
/** Counter of failed layers per request: one per layer that failed in it. Label: sightline.request.failed_layer. */
export const METRIC_SIGHTLINE_REQUEST_ERRORS = 'sightline.request.errors';
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
/** `sightline.request.failed_layer` value: a span with `mcp.method.name` failed (client or server side). */
export const REQUEST_LAYER_MCP = 'mcp';
/** `sightline.request.failed_layer` value: a vector-store span (`db.system.name` or `db.operation.name`) failed. */
export const REQUEST_LAYER_VECTOR = 'vector';
/** `sightline.reason` on `sightline.telemetry.dropped{sightline.signal="metrics"}`: a request not measured because too many were open at once. */
export const REASON_TOO_MANY_OPEN_REQUESTS = 'too_many_open_requests';
/** `sightline.reason` on `sightline.telemetry.dropped{sightline.signal="metrics"}`: a span left out of its request's metrics because too many spans were being tracked. */
export const REASON_TOO_MANY_TRACKED_SPANS = 'too_many_tracked_spans';
/** `gen_ai.operation.name` value (semconv) for completion-style model calls. */
export const GEN_AI_OPERATION_TEXT_COMPLETION = 'text_completion';
/** `gen_ai.operation.name` value (semconv) for Gemini-style multimodal content generation. */
export const GEN_AI_OPERATION_GENERATE_CONTENT = 'generate_content';
/** `gen_ai.operation.name` value (semconv) for embedding calls. */
export const GEN_AI_OPERATION_EMBEDDINGS = 'embeddings';
/** USD boundaries for `sightline.request.cost`: from a single small-model call (~$0.0001) to long agent runs (tens of dollars), 2-3 per decade. */
export const REQUEST_COST_BUCKETS_USD = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25,
];
/** Seconds for `sightline.request.duration`: agent requests run for minutes, past the 82 s top of the model-call buckets. */
export const REQUEST_DURATION_BUCKETS_SECONDS = [
  0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 60, 120, 300, 600,
];
/** Model calls per request for `sightline.request.model_calls`: every small count has its own bucket (0 = no model call). */
export const REQUEST_MODEL_CALL_BUCKETS = [0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50, 100];

// ---------------------------------------------------------------- token details
/**
 * `gen_ai.token.type` value (Sightline's; semconv defines only `input` and `output`) for input tokens served from the
 * prompt cache. A subset of the call's `input` tokens, recorded as its own type so that `{gen_ai.token.type="input"}`
 * still sums to the input tokens (a detail attribute on `input` points would count them twice).
 */
export const GEN_AI_TOKEN_TYPE_CACHE_READ = 'cache_read';
/** `gen_ai.token.type` value (Sightline's) for input tokens written to the prompt cache; a subset of `input`. */
export const GEN_AI_TOKEN_TYPE_CACHE_CREATION = 'cache_creation';
/** `gen_ai.token.type` value (Sightline's) for output tokens spent on reasoning; a subset of `output`. */
export const GEN_AI_TOKEN_TYPE_REASONING = 'reasoning';
