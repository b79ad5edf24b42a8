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
import { clientErrorType, clientStatusCode, jsonRpcMessage, recordResponseOutcome } from './outcome.js';
import { describeRequest, metricAttributes, requestIdString, type RequestDescription } from './request-description.js';
import { INSTRUMENTATION_SCOPE } from './scope.js';
import { sessionLabels, trackSessions, type SessionTracker } from './session.js';
import { addServerEndpoint, clientTransportUrl, networkTransportOf, sessionIdOf } from './transport-kind.js';
import type { InstrumentableMcpClient, McpClientOptions } from './types.js';

const log = createLogger('mcp-client');
const instrumentedClients = new WeakSet<object>();

type RequestMethod = (request: unknown, resultSchema: unknown, options?: unknown) => Promise<unknown>;

/** What one client has learnt about its connection (the version comes back from `initialize`). */
interface ClientState {
  protocolVersion?: string;
  session?: SessionTracker;
}

/**
 * Instruments this one client (no prototype is touched): every request it
 * sends gets a CLIENT span `{mcp.method.name} {target}` and carries the trace
 * context and the caller's tags in `params._meta`. Returns the same client.
 */
export function instrumentMcpClient<T extends InstrumentableMcpClient>(client: T, options: McpClientOptions = {}): T {
  try {
    const original = (client as unknown as { request?: unknown }).request;
    if (typeof original !== 'function') {
      log.warnOnce('unsupported', 'instrumentMcpClient: this is not an MCP SDK Client; left uninstrumented');
      return client;
    }
    if (instrumentedClients.has(client)) return client;
    instrumentedClients.add(client);
    const state: ClientState = {};
    const transport = (): unknown => (client as { transport?: unknown }).transport;
    state.session = trackSessions(client, 'client', () => sessionLabels(state.protocolVersion, transport(), options.networkTransport));
    const send = original as RequestMethod;
    const instrumented: RequestMethod = (request, resultSchema, requestOptions) =>
      tracedRequest(client, send, state, options, request, resultSchema, requestOptions);
    Object.defineProperty(client, 'request', { value: instrumented, configurable: true, writable: true, enumerable: false });
  } catch (error) {
    log.warnOnce('install', 'instrumentMcpClient failed; the client works uninstrumented', error);
  }
  return client;
}

function tracedRequest(
  client: object,
  send: RequestMethod,
  state: ClientState,
  options: McpClientOptions,
  request: unknown,
  resultSchema: unknown,
  requestOptions: unknown,
): Promise<unknown> {
  let call: CallDescription | undefined;
  try {
    const description = describeRequest(request);
    if (description !== undefined) call = describeCall(client, description, state, options);
  } catch (error) {
    log.warnOnce('describe', 'could not describe an MCP request; it is sent untraced', error);
  }
  if (call === undefined) return send.call(client, request, resultSchema, requestOptions);
  const { description, parent } = call;
  if (description.method === 'initialize') state.session?.opened(parent);
  return traced<Promise<unknown>>(
    { scope: INSTRUMENTATION_SCOPE, name: description.spanName, kind: SpanKind.CLIENT, attributes: description.attributes, parent },
    (span) => sendWithTraceContext(client, send, span, request, resultSchema, requestOptions),
    clientHooks(client, call, state, requestOptions),
  );
}

/** One outgoing request: what it is, the connection attributes its span and metric share, and its parent. */
interface CallDescription {
  description: RequestDescription;
  connection: Attributes;
  parent: Context;
}

function describeCall(client: object, description: RequestDescription, state: ClientState, options: McpClientOptions): CallDescription {
  const transport = (client as { transport?: unknown }).transport;
  const connection: Attributes = {};
  const version = state.protocolVersion ?? transportProtocolVersion(transport);
  if (version !== undefined) connection[semconv.ATTR_MCP_PROTOCOL_VERSION] = version;
  const network = networkTransportOf(transport, options.networkTransport);
  if (network !== undefined) connection[semconv.ATTR_NETWORK_TRANSPORT] = network;
  addServerEndpoint(connection, clientTransportUrl(transport));
  // The description is this request's own: its attributes become the span's, no copy needed.
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

/** Runs inside the CLIENT span, so the injected traceparent names it as the server's parent. */
function sendWithTraceContext(
  client: object,
  send: RequestMethod,
  span: Span,
  request: unknown,
  resultSchema: unknown,
  requestOptions: unknown,
): Promise<unknown> {
  let outgoing = request;
  try {
    outgoing = withTraceMeta(request);
  } catch (error) {
    log.warnOnce('inject', 'could not add trace context to an MCP request; it is sent without it', error);
  }
  const idBefore = nextMessageId(client);
  const result = send.call(client, outgoing, resultSchema, requestOptions);
  // The SDK assigns the JSON-RPC id synchronously from this counter; read it only if it moved by exactly one.
  if (idBefore !== undefined && nextMessageId(client) === idBefore + 1) {
    const id = requestIdString(idBefore);
    if (id !== undefined) span.setAttribute(semconv.ATTR_JSONRPC_REQUEST_ID, id);
  }
  return result;
}

/** A copy of the request whose `params._meta` also holds traceparent, tracestate and baggage; the caller's keys win. */
function withTraceMeta(request: unknown): unknown {
  const { params } = request as { params?: unknown };
  if (params !== undefined && (params === null || typeof params !== 'object')) return request;
  const existing = (params as { _meta?: unknown } | undefined)?._meta;
  if (existing !== undefined && (existing === null || typeof existing !== 'object' || Array.isArray(existing))) return request;
  // Object.assign rather than spreads that add keys: those are several times slower on Node 20's V8.
  const meta = injectTraceContext(Object.assign({}, existing as Record<string, unknown> | undefined));
  if (existing === undefined && Object.keys(meta).length === 0) return request;
  return Object.assign({}, request as object, { params: Object.assign({}, params as object | undefined, { _meta: meta }) });
}

function clientHooks(client: object, call: CallDescription, state: ClientState, requestOptions: unknown): TracedHooks<unknown> {
  const { description, connection } = call;
  return {
    errorType: (error) => clientErrorType(error, (requestOptions as { signal?: unknown } | undefined)?.signal),
    onResult: (span, result) => recordResponseOutcome(span, description.method, result, state),
    onEnd(span, outcome) {
      const statusCode = outcome.error === undefined ? undefined : clientStatusCode(outcome.error, outcome.errorType);
      if (statusCode !== undefined) span.setAttribute(semconv.ATTR_RPC_RESPONSE_STATUS_CODE, statusCode);
      const message = outcome.error === undefined ? undefined : jsonRpcMessage(outcome.error);
      if (message !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message });
      // Read at the end: Streamable HTTP assigns the session id in the `initialize` response.
      const sessionId = sessionIdOf((client as { transport?: unknown }).transport);
      if (sessionId !== undefined) span.setAttribute(semconv.ATTR_MCP_SESSION_ID, sessionId);
      // `initialize` learns the version only from its result.
      if (state.protocolVersion !== undefined) connection[semconv.ATTR_MCP_PROTOCOL_VERSION] = state.protocolVersion;
      const attributes = metricAttributes(description, connection, outcome.errorType, statusCode);
      recordMetric(METRICS.mcpClientDuration, outcome.durationSeconds, attributes, { context: outcome.context });
    },
  };
}

function nextMessageId(client: object): number | undefined {
  const id = (client as { _requestMessageId?: unknown })._requestMessageId;
  return typeof id === 'number' ? id : undefined;
}

function transportProtocolVersion(transport: unknown): string | undefined {
  if (transport === null || typeof transport !== 'object') return undefined;
  const version = (transport as { protocolVersion?: unknown }).protocolVersion;
  return typeof version === 'string' ? version : undefined;
}
