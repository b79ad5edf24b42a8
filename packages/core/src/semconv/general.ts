/** OpenTelemetry general names: service, error, server, network, RPC, session and user, shared buckets. Part of semconv.ts, the one place names live. */

// ---------------------------------------------------------------- general: attributes
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
/** Semconv `session.id`: an optional tag of the default schema, on spans and logs only (never a metric label). */
export const TAG_SESSION_ID = 'session.id';
/** Semconv `user.id`: an optional tag of the default schema, hashed by default, on spans and logs only. */
export const TAG_USER_ID = 'user.id';

// ---------------------------------------------------------------- general: values
/** `error.type` value when the thrown value is not an `Error` (semconv fallback). */
export const ERROR_TYPE_OTHER = '_OTHER';
/** `error.type` value of an MCP request that failed with JSON-RPC code -32001 (request timeout). */
export const ERROR_TYPE_TIMEOUT = 'timeout';
/** `error.type` value of an MCP `tools/call` span whose result had `isError: true`. */
export const ERROR_TYPE_TOOL_ERROR = 'tool_error';

// ---------------------------------------------------------------- general: metrics
/** `true` on the one series that collects a metric's measurements past its series limit (the OTel SDK's name). */
export const ATTR_OTEL_METRIC_OVERFLOW = 'otel.metric.overflow';

// ---------------------------------------------------------------- general: buckets
/** Semconv advice for `gen_ai.client.operation.duration` and other durations, in seconds. */
export const DURATION_BUCKETS_SECONDS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
