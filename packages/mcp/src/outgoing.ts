import { SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import {
  createLogger,
  injectTraceContext,
  METRICS,
  recordMetric,
  resolveParentContext,
  semconv,
  traced,
  type TracedHooks,
} from '@sightline/core/instrumentation';
import { transportOf, type ConnectionState } from './connection-state.js';
import { clientErrorType, clientStatusCode, jsonRpcMessage, recordResponseOutcome } from './outcome.js';
import { describeRequest, metricAttributes, requestIdString, type RequestDescription } from './request-description.js';
import { INSTRUMENTATION_SCOPE } from './scope.js';
import { addServerEndpoint, clientTransportUrl, networkTransportOf, sessionIdOf } from './transport-kind.js';

const log = createLogger('mcp-outgoing');

type RequestMethod = (request: unknown, resultSchema: unknown, options?: unknown) => Promise<unknown>;
type NotificationMethod = (notification: unknown, options?: unknown) => Promise<void>;

/** Sends `message` (the copy with trace context in `_meta`) the way the SDK was asked to. */
type Send = (message: unknown) => Promise<unknown>;

/**
 * Wraps this instance's `request` and `notification` (no prototype is touched):
 * every request and notification it sends gets a CLIENT span and carries the
 * trace context and the caller's tags in `params._meta`. A client sends the
 * protocol's requests; a server sends sampling, elicitation and roots requests.
 */
export function instrumentOutgoing(state: ConnectionState): void {
  const protocol = state.protocol as { request?: unknown; notification?: unknown };
  const request = protocol.request as RequestMethod;
  replaceMethod(protocol, 'request', (message: unknown, resultSchema: unknown, options?: unknown) =>
    tracedSend(state, message, options, 'request', (outgoing) => request.call(protocol, outgoing, resultSchema, options)),
  );
  const notification = protocol.notification;
  if (typeof notification !== 'function') return;
  replaceMethod(protocol, 'notification', (message: unknown, options?: unknown) =>
    tracedSend(state, message, options, mayAddParams(protocol, message), (outgoing) =>
      (notification as NotificationMethod).call(protocol, outgoing, options),
    ),
  );
}

/** The SDK debounces a notification of the methods it was told to only while it has no params: those keep none. */
function mayAddParams(protocol: object, message: unknown): boolean {
  const debounced = (protocol as { _options?: { debouncedNotificationMethods?: unknown } })._options?.debouncedNotificationMethods;
  const method = (message as { method?: unknown } | null)?.method;
  return !Array.isArray(debounced) || !debounced.includes(method);
}

function replaceMethod(target: object, name: string, value: (...args: never[]) => unknown): void {
  Object.defineProperty(target, name, { value, configurable: true, writable: true, enumerable: false });
}

/** `'request'`: the message gets a JSON-RPC id (and may get `params` for `_meta`); a notification may or may not. */
function tracedSend(
  state: ConnectionState,
  message: unknown,
  options: unknown,
  addParams: boolean | 'request',
  send: Send,
): Promise<unknown> {
  let call: CallDescription | undefined;
  try {
    const description = describeRequest(message);
    if (description !== undefined) call = describeCall(state, description);
  } catch (error) {
    log.warnOnce('describe', 'could not describe an outgoing MCP message; it is sent untraced', error);
  }
  if (call === undefined) return send(message);
  const { description, parent } = call;
  if (description.method === 'initialize') state.session.opened(parent);
  return traced<Promise<unknown>>(
    { scope: INSTRUMENTATION_SCOPE, name: description.spanName, kind: SpanKind.CLIENT, attributes: description.attributes, parent },
    (span) => sendWithTraceContext(state, span, message, addParams, send),
    outgoingHooks(state, call, options),
  );
}

/** One outgoing message: what it is, the connection attributes its span and metric share, and its parent. */
interface CallDescription {
  description: RequestDescription;
  connection: Attributes;
  parent: Context;
}

function describeCall(state: ConnectionState, description: RequestDescription): CallDescription {
  const transport = transportOf(state);
  const connection: Attributes = {};
  const version = state.protocolVersion ?? transportProtocolVersion(transport);
  if (version !== undefined) connection[semconv.ATTR_MCP_PROTOCOL_VERSION] = version;
  const network = networkTransportOf(transport, state.options.networkTransport);
  if (network !== undefined) connection[semconv.ATTR_NETWORK_TRANSPORT] = network;
  addServerEndpoint(connection, clientTransportUrl(transport));
  // The description is this message's own: its attributes become the span's, no copy needed.
  Object.assign(description.attributes, connection);
  const parent = resolveParentContext();
  // Under an outer `execute_tool` span (LangChain's) that span is the tool call; this one is its transport.
  if (isToolExecution(trace.getSpan(parent))) delete description.attributes[semconv.ATTR_GEN_AI_OPERATION_NAME];
  return { description, connection, parent };
}

function isToolExecution(span: Span | undefined): boolean {
  const attributes = (span as { attributes?: Attributes } | undefined)?.attributes;
  return attributes?.[semconv.ATTR_GEN_AI_OPERATION_NAME] === semconv.GEN_AI_OPERATION_EXECUTE_TOOL;
}

/** Runs inside the CLIENT span, so the injected traceparent names it as the receiver's parent. */
function sendWithTraceContext(
  state: ConnectionState,
  span: Span,
  message: unknown,
  addParams: boolean | 'request',
  send: Send,
): Promise<unknown> {
  let outgoing = message;
  try {
    outgoing = withTraceMeta(message, addParams !== false);
  } catch (error) {
    log.warnOnce('inject', 'could not add trace context to an MCP message; it is sent without it', error);
  }
  if (addParams !== 'request') return send(outgoing); // a notification has no JSON-RPC id
  const idBefore = nextMessageId(state.protocol);
  const result = send(outgoing);
  // The SDK assigns the JSON-RPC id synchronously from this counter; read it only if it moved by exactly one.
  if (idBefore !== undefined && nextMessageId(state.protocol) === idBefore + 1) {
    const id = requestIdString(idBefore);
    if (id !== undefined) span.setAttribute(semconv.ATTR_JSONRPC_REQUEST_ID, id);
  }
  return result;
}

/**
 * A copy of the message whose `params._meta` also holds traceparent, tracestate and baggage; the caller's
 * keys win. Without `addParams`, a message without params is sent as it is.
 */
function withTraceMeta(message: unknown, addParams: boolean): unknown {
  const { params } = message as { params?: unknown };
  if (params === undefined && !addParams) return message;
  if (params !== undefined && (params === null || typeof params !== 'object')) return message;
  const existing = (params as { _meta?: unknown } | undefined)?._meta;
  if (existing !== undefined && (existing === null || typeof existing !== 'object' || Array.isArray(existing))) return message;
  // Object.assign rather than spreads that add keys: those are several times slower on Node 20's V8.
  const meta = injectTraceContext(Object.assign({}, existing as Record<string, unknown> | undefined));
  if (existing === undefined && Object.keys(meta).length === 0) return message;
  return Object.assign({}, message as object, { params: Object.assign({}, params as object | undefined, { _meta: meta }) });
}

function outgoingHooks(state: ConnectionState, call: CallDescription, options: unknown): TracedHooks<unknown> {
  const { description, connection } = call;
  return {
    errorType: (error) => clientErrorType(error, (options as { signal?: unknown } | undefined)?.signal),
    onResult: (span, result) => recordResponseOutcome(span, description.method, result, state),
    onEnd(span, outcome) {
      const statusCode = outcome.error === undefined ? undefined : clientStatusCode(outcome.error, outcome.errorType);
      if (statusCode !== undefined) span.setAttribute(semconv.ATTR_RPC_RESPONSE_STATUS_CODE, statusCode);
      const message = outcome.error === undefined ? undefined : jsonRpcMessage(outcome.error);
      if (message !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message });
      // Read at the end: Streamable HTTP assigns the session id in the `initialize` response.
      const sessionId = sessionIdOf(transportOf(state));
      if (sessionId !== undefined) span.setAttribute(semconv.ATTR_MCP_SESSION_ID, sessionId);
      // `initialize` learns the version only from its result.
      if (state.protocolVersion !== undefined) connection[semconv.ATTR_MCP_PROTOCOL_VERSION] = state.protocolVersion;
      const attributes = metricAttributes(description, connection, outcome.errorType, statusCode);
      recordMetric(METRICS.mcpClientDuration, outcome.durationSeconds, attributes, { context: outcome.context });
    },
  };
}

function nextMessageId(protocol: object): number | undefined {
  const id = (protocol as { _requestMessageId?: unknown })._requestMessageId;
  return typeof id === 'number' ? id : undefined;
}

function transportProtocolVersion(transport: unknown): string | undefined {
  if (transport === null || typeof transport !== 'object') return undefined;
  const version = (transport as { protocolVersion?: unknown }).protocolVersion;
  return typeof version === 'string' ? version : undefined;
}
