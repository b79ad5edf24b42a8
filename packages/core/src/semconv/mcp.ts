/** mcp.*: MCP client and server spans and metrics, and their transports. Part of semconv.ts, the one place names live. */

// ---------------------------------------------------------------- mcp: attributes
/** Semconv `mcp.method.name` on MCP spans and as a label on the MCP duration metrics (e.g. `tools/call`). */
export const ATTR_MCP_METHOD_NAME = 'mcp.method.name';
/** Semconv `mcp.session.id` on MCP spans, when the transport has a session (Streamable HTTP). */
export const ATTR_MCP_SESSION_ID = 'mcp.session.id';
/** Semconv `mcp.protocol.version` on MCP spans and metrics: the negotiated protocol version. */
export const ATTR_MCP_PROTOCOL_VERSION = 'mcp.protocol.version';
/** Semconv `mcp.resource.uri` on MCP `resources/*` spans (capped at 2048 characters). */
export const ATTR_MCP_RESOURCE_URI = 'mcp.resource.uri';

// ---------------------------------------------------------------- mcp: metrics
/** Semconv histogram of MCP request duration on the caller side, in seconds. */
export const METRIC_MCP_CLIENT_OPERATION_DURATION = 'mcp.client.operation.duration';
/** Semconv histogram of MCP request duration on the server side, in seconds. */
export const METRIC_MCP_SERVER_OPERATION_DURATION = 'mcp.server.operation.duration';
/** Semconv histogram of MCP session duration on the caller side, in seconds (from `initialize` to the connection closing). */
export const METRIC_MCP_CLIENT_SESSION_DURATION = 'mcp.client.session.duration';
/** Semconv histogram of MCP session duration on the server side, in seconds (from `initialize` to the connection closing). */
export const METRIC_MCP_SERVER_SESSION_DURATION = 'mcp.server.session.duration';

// ---------------------------------------------------------------- mcp: mcp
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

// ---------------------------------------------------------------- mcp: buckets
/** Semconv advice for `mcp.client.operation.duration` and `mcp.server.operation.duration`, in seconds. */
export const MCP_DURATION_BUCKETS_SECONDS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

// ---------------------------------------------------------------- mcp: requests
/** `sightline.request.failed_layer` value: a span with `mcp.method.name` failed (client or server side). */
export const REQUEST_LAYER_MCP = 'mcp';
