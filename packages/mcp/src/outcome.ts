import { SpanStatusCode, type Span } from '@opentelemetry/api';
import { errorTypeOf, semconv } from '@sightline/core/instrumentation';

// JSON-RPC codes from the SDK's ErrorCode enum, copied so that this package
// never loads the SDK at runtime (it is the app's copy that must be used).
const REQUEST_TIMEOUT = -32001;
const CONNECTION_CLOSED = -32000;
const INTERNAL_ERROR = -32603;

/**
 * Caller side: a request whose AbortSignal fired is `cancelled` (the SDK reports
 * a caller's abort as a `-32001` timeout, or rethrows the signal's reason when it
 * was aborted before sending). Otherwise a JSON-RPC error is typed by its code
 * (a timeout, `-32001`, as `timeout`); anything else (a transport failure, an
 * invalid result) by its class.
 */
export function clientErrorType(error: unknown, signal: unknown): string {
  if (signal instanceof AbortSignal && signal.aborted) return semconv.ERROR_TYPE_CANCELLED;
  const code = jsonRpcCode(error);
  if (code === undefined) return errorTypeOf(error);
  return code === REQUEST_TIMEOUT ? semconv.ERROR_TYPE_TIMEOUT : String(code);
}

/**
 * Semconv wants the status description to be the `JSONRPCError.message`. The
 * SDK's McpError prefixes `MCP error {code}: ` to the message it was built from,
 * so a client-side McpError carries the wire message behind one such prefix
 * (and a TypeScript peer's wire message already has one: hence the doubling).
 * Undefined when the error is no McpError-shaped JSON-RPC error.
 */
export function jsonRpcMessage(error: unknown): string | undefined {
  const code = jsonRpcCode(error);
  const message = (error as { message?: unknown } | null)?.message;
  if (code === undefined || typeof message !== 'string') return undefined;
  const prefix = `MCP error ${code}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : undefined;
}

/** Server side: the code the SDK will answer with (a thrown error without a code becomes `-32603`). */
export function serverErrorType(error: unknown): string {
  const code = jsonRpcCode(error) ?? INTERNAL_ERROR;
  return code === REQUEST_TIMEOUT ? semconv.ERROR_TYPE_TIMEOUT : String(code);
}

/**
 * `rpc.response.status_code`: the code of a JSON-RPC error response. On the
 * caller's side, timeouts (`-32001`), a closed connection (`-32000`) and aborts
 * are made by the SDK itself, with no response: they get none.
 */
export function clientStatusCode(error: unknown, errorType: string | undefined): string | undefined {
  const code = jsonRpcCode(error);
  if (code === undefined || code === REQUEST_TIMEOUT || code === CONNECTION_CLOSED) return undefined;
  return errorType === semconv.ERROR_TYPE_CANCELLED ? undefined : String(code);
}

/** Server side: the code the SDK answers a failed handler with; a cancelled request gets no answer. */
export function serverStatusCode(error: unknown, errorType: string | undefined): string | undefined {
  if (error === undefined || errorType === semconv.ERROR_TYPE_CANCELLED) return undefined;
  return String(jsonRpcCode(error) ?? INTERNAL_ERROR);
}

/** A `tools/call` result with `isError: true` is a failed call, though the request succeeded. */
export function markToolError(span: Span, method: string, result: unknown): void {
  if (method !== 'tools/call' || result === null || typeof result !== 'object') return;
  if ((result as { isError?: unknown }).isError !== true) return;
  span.setAttribute(semconv.ATTR_ERROR_TYPE, semconv.ERROR_TYPE_TOOL_ERROR);
  span.setStatus({ code: SpanStatusCode.ERROR, message: semconv.ERROR_TYPE_TOOL_ERROR });
}

/** The negotiated protocol version, read off an `initialize` result. */
export function protocolVersionOf(method: string, result: unknown): string | undefined {
  if (method !== 'initialize' || result === null || typeof result !== 'object') return undefined;
  const version = (result as { protocolVersion?: unknown }).protocolVersion;
  return typeof version === 'string' ? version : undefined;
}

function jsonRpcCode(error: unknown): number | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' && Number.isSafeInteger(code) ? code : undefined;
}

/** After a response: note the negotiated protocol version (on `state` and the span) and any `isError` tool result. */
export function recordResponseOutcome(span: Span, method: string, result: unknown, state: { protocolVersion?: string }): void {
  const version = protocolVersionOf(method, result);
  if (version !== undefined) {
    state.protocolVersion = version;
    span.setAttribute(semconv.ATTR_MCP_PROTOCOL_VERSION, version);
  }
  markToolError(span, method, result);
}
