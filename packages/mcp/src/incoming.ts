import { context as contextApi, SpanKind, type Attributes, type Context } from '@opentelemetry/api';
import { createLogger, METRICS, recordMetric, semconv, traced, type SpanSpec, type TracedHooks } from '@sightline/core/instrumentation';
import { McpRequestCancelled, untilCancelled } from './cancellation.js';
import { connectionLostSignal } from './connection-loss.js';
import { transportOf, type ConnectionState } from './connection-state.js';
import { recordResponseOutcome, serverErrorType, serverStatusCode } from './outcome.js';
import { serverParent } from './remote-parent.js';
import { describeRequest, metricAttributes, requestIdString, type RequestDescription } from './request-description.js';
import { INSTRUMENTATION_SCOPE } from './scope.js';
import { addServerEndpoint, networkTransportOf, transportLocality } from './transport-kind.js';
import type { McpServerOptions } from './types.js';

const log = createLogger('mcp-incoming');

type Handler = (message: unknown, extra?: unknown) => unknown;

const CANCELLED_NOTIFICATION = 'notifications/cancelled';

/** The SDK keeps request and notification handlers in these two maps (internals: read defensively). */
const HANDLER_MAPS = ['_requestHandlers', '_notificationHandlers'] as const;

/** Whether the protocol has the handler map that `instrumentIncoming` needs to trace requests. */
export function hasRequestHandlers(protocol: unknown): boolean {
  return (protocol as { _requestHandlers?: unknown } | undefined)?._requestHandlers instanceof Map;
}

/**
 * Every request and notification this protocol receives gets a SERVER span,
 * parented to the sender's span from `_meta`, and runs with the sender's
 * validated tags: a server's requests, and the sampling, elicitation and roots
 * requests (and the notifications) that a client serves. Wrapping the maps'
 * entries, and these two maps' own `set`, covers handlers registered later too,
 * without touching a prototype.
 */
export function instrumentIncoming(state: ConnectionState): void {
  for (const name of HANDLER_MAPS) {
    const handlers = (state.protocol as Record<string, unknown>)[name];
    if (!(handlers instanceof Map)) {
      log.warnOnce(`unsupported:${name}`, `this MCP SDK object has no ${name} map; what it receives is not traced`);
      continue;
    }
    const wrap = (handler: unknown): unknown => (typeof handler === 'function' ? tracedHandler(state, handler as Handler) : handler);
    for (const [method, handler] of handlers) Map.prototype.set.call(handlers, method, wrap(handler));
    Object.defineProperty(handlers, 'set', {
      value: (method: unknown, handler: unknown) => Map.prototype.set.call(handlers, method, wrap(handler)),
      configurable: true,
      writable: true,
      enumerable: false,
    });
  }
}

function tracedHandler(state: ConnectionState, handler: Handler): Handler {
  return (message, extra) => {
    let spec: SpanSpec | undefined;
    let description: RequestDescription | undefined;
    const connection: Attributes = {};
    try {
      description = describeRequest(message);
      if (description !== undefined) spec = spanSpec(state, description, connection, message, extra);
    } catch (error) {
      log.warnOnce('describe', 'could not read an incoming MCP message; it is served untraced', error);
    }
    if (spec === undefined || description === undefined) return handler(message, extra);
    const signal = (extra as { signal?: unknown } | undefined)?.signal;
    const lost = connectionLostSignal(transportOf(state));
    let served: unknown;
    const id = requestIdString((message as { id?: unknown }).id);
    const hooks = incomingHooks(state, description, connection, id);
    const watched = traced(
      spec,
      () => {
        if (id !== undefined) state.serving.set(id, contextApi.active());
        return untilCancelled((served = handler(message, extra)), signal, lost);
      },
      hooks,
    );
    // The span follows `watched`, which also settles on cancellation; the SDK gets the handler's own
    // promise, so a lost connection changes nothing it sends (it would otherwise answer the rejection).
    return served instanceof Promise ? served : watched;
  };
}

/** The SERVER span of one message; `connection` receives the attributes its span and metric share. */
function spanSpec(
  state: ConnectionState,
  description: RequestDescription,
  connection: Attributes,
  message: unknown,
  extra: unknown,
): SpanSpec {
  const transport = transportOf(state);
  const trust = {
    incomingTags: (state.options as McpServerOptions).incomingTags,
    transport: transportLocality(transport, state.options.networkTransport),
  };
  const meta = metaOf(message);
  const cancelled = meta === undefined ? cancelledRequestContext(state, description, message) : undefined;
  const { parent, links } = cancelled !== undefined ? { parent: cancelled, links: [] } : serverParent(meta, contextApi.active(), trust);
  if (description.method === 'initialize') state.session.opened(parent, connectionLostSignal(transport));
  const attributes = description.attributes; // this message's own object: no copy needed
  const id = requestIdString((message as { id?: unknown }).id);
  if (id !== undefined) attributes[semconv.ATTR_JSONRPC_REQUEST_ID] = id;
  const sessionId = (extra as { sessionId?: unknown } | undefined)?.sessionId;
  if (typeof sessionId === 'string' && sessionId !== '') attributes[semconv.ATTR_MCP_SESSION_ID] = sessionId;
  const version = headerProtocolVersion(extra) ?? state.protocolVersion;
  if (version !== undefined) connection[semconv.ATTR_MCP_PROTOCOL_VERSION] = version;
  const network = networkTransportOf(transport, state.options.networkTransport);
  if (network !== undefined) connection[semconv.ATTR_NETWORK_TRANSPORT] = network;
  // Streamable HTTP hands the handler the URL the client addressed: this server, as the client sees it.
  addServerEndpoint(connection, (extra as { requestInfo?: { url?: unknown } } | undefined)?.requestInfo?.url);
  Object.assign(attributes, connection);
  return { scope: INSTRUMENTATION_SCOPE, name: description.spanName, kind: SpanKind.SERVER, attributes, links, parent };
}

/** For a `notifications/cancelled` with no `_meta`: the context of the request it cancels, while that is served. */
function cancelledRequestContext(state: ConnectionState, description: RequestDescription, message: unknown): Context | undefined {
  if (description.method !== CANCELLED_NOTIFICATION) return undefined;
  const requestId = requestIdString((message as { params?: { requestId?: unknown } }).params?.requestId);
  return requestId === undefined ? undefined : state.serving.get(requestId);
}

function incomingHooks(
  state: ConnectionState,
  description: RequestDescription,
  connection: Attributes,
  id: string | undefined,
): TracedHooks<unknown> {
  return {
    errorType: (error) => (error instanceof McpRequestCancelled ? semconv.ERROR_TYPE_CANCELLED : serverErrorType(error)),
    onResult: (span, result) => recordResponseOutcome(span, description.method, result, state),
    onEnd(span, outcome) {
      if (id !== undefined) state.serving.delete(id);
      const statusCode = serverStatusCode(outcome.error, outcome.errorType);
      if (statusCode !== undefined) span.setAttribute(semconv.ATTR_RPC_RESPONSE_STATUS_CODE, statusCode);
      if (state.protocolVersion !== undefined) connection[semconv.ATTR_MCP_PROTOCOL_VERSION] ??= state.protocolVersion;
      const attributes = metricAttributes(description, connection, outcome.errorType, statusCode);
      recordMetric(METRICS.mcpServerDuration, outcome.durationSeconds, attributes, { context: outcome.context });
    },
  };
}

function metaOf(message: unknown): unknown {
  const params = (message as { params?: unknown }).params;
  return params !== null && typeof params === 'object' ? (params as { _meta?: unknown })._meta : undefined;
}

/** Streamable HTTP sends the negotiated version on every request after `initialize`. */
function headerProtocolVersion(extra: unknown): string | undefined {
  const headers = (extra as { requestInfo?: { headers?: Record<string, unknown> } } | undefined)?.requestInfo?.headers;
  const value = headers?.['mcp-protocol-version'];
  return typeof value === 'string' && value.length <= 64 ? value : undefined;
}
