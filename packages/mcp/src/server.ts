import { context as contextApi, SpanKind, type Attributes } from '@opentelemetry/api';
import { createLogger, METRICS, recordMetric, semconv, traced, type SpanSpec, type TracedHooks } from '@sightline/core/instrumentation';
import { McpRequestCancelled, untilCancelled } from './cancellation.js';
import { connectionLostSignal } from './connection-loss.js';
import { recordResponseOutcome, serverErrorType, serverStatusCode } from './outcome.js';
import { serverParent } from './remote-parent.js';
import { describeRequest, metricAttributes, requestIdString, type RequestDescription } from './request-description.js';
import { INSTRUMENTATION_SCOPE } from './scope.js';
import { sessionLabels, trackSessions, type SessionTracker } from './session.js';
import { addServerEndpoint, networkTransportOf } from './transport-kind.js';
import type { InstrumentableMcpServer, McpServerOptions } from './types.js';

const log = createLogger('mcp-server');
const instrumentedHandlerMaps = new WeakSet<object>();

type RequestHandler = (request: unknown, extra: unknown) => unknown;

/** What one server has learnt about its connection (the version is settled by `initialize`). */
interface ServerState {
  protocol: object;
  protocolVersion?: string;
  options: McpServerOptions;
  session?: SessionTracker;
}

/**
 * Instruments this one server: every request it receives gets a SERVER span,
 * parented to the caller's span from `_meta`, and runs with the caller's
 * validated tags. Handlers registered before and after this call are covered.
 * Returns the same server.
 */
export function instrumentMcpServer<T extends InstrumentableMcpServer>(server: T, options: McpServerOptions = {}): T {
  try {
    const protocol = lowLevelServer(server);
    // The SDK keeps request handlers in this map; wrapping its entries (and this
    // one map's `set`) covers every method without touching a prototype.
    const handlers = (protocol as { _requestHandlers?: unknown } | undefined)?._requestHandlers;
    if (protocol === undefined || !(handlers instanceof Map)) {
      log.warnOnce('unsupported', 'instrumentMcpServer: not an MCP SDK McpServer or Server; left uninstrumented');
      return server;
    }
    if (instrumentedHandlerMaps.has(handlers)) return server;
    instrumentedHandlerMaps.add(handlers);
    const state: ServerState = { protocol, options };
    const transport = (): unknown => (protocol as { transport?: unknown }).transport;
    state.session = trackSessions(protocol, 'server', () => sessionLabels(state.protocolVersion, transport(), options.networkTransport));
    const wrap = (handler: unknown): unknown =>
      typeof handler === 'function' ? tracedHandler(state, handler as RequestHandler) : handler;
    for (const [method, handler] of handlers) Map.prototype.set.call(handlers, method, wrap(handler));
    Object.defineProperty(handlers, 'set', {
      value: (method: unknown, handler: unknown) => Map.prototype.set.call(handlers, method, wrap(handler)),
      configurable: true,
      writable: true,
      enumerable: false,
    });
  } catch (error) {
    log.warnOnce('install', 'instrumentMcpServer failed; the server works uninstrumented', error);
  }
  return server;
}

function lowLevelServer(server: InstrumentableMcpServer): object | undefined {
  if (server === null || typeof server !== 'object') return undefined;
  const inner = (server as { server?: unknown }).server;
  return inner !== null && typeof inner === 'object' ? inner : server;
}

function tracedHandler(state: ServerState, handler: RequestHandler): RequestHandler {
  return (request, extra) => {
    let spec: SpanSpec | undefined;
    let description: RequestDescription | undefined;
    const connection: Attributes = {};
    try {
      description = describeRequest(request);
      if (description !== undefined) spec = spanSpec(state, description, connection, request, extra);
    } catch (error) {
      log.warnOnce('describe', 'could not read an incoming MCP request; it is served untraced', error);
    }
    if (spec === undefined || description === undefined) return handler(request, extra);
    const signal = (extra as { signal?: unknown } | undefined)?.signal;
    const lost = connectionLostSignal((state.protocol as { transport?: unknown }).transport);
    let served: unknown;
    const hooks = serverHooks(state, description, connection);
    const watched = traced(spec, () => untilCancelled((served = handler(request, extra)), signal, lost), hooks);
    // The span follows `watched`, which also settles on cancellation; the SDK gets the handler's own
    // promise, so a lost connection changes nothing it sends (it would otherwise answer the rejection).
    return served instanceof Promise ? served : watched;
  };
}

/** The SERVER span of one request; `connection` receives the attributes its span and metric share. */
function spanSpec(state: ServerState, description: RequestDescription, connection: Attributes, request: unknown, extra: unknown): SpanSpec {
  const { parent, links } = serverParent(metaOf(request), contextApi.active());
  const transport = (state.protocol as { transport?: unknown }).transport;
  if (description.method === 'initialize') state.session?.opened(parent, connectionLostSignal(transport));
  const attributes = description.attributes; // this request's own object: no copy needed
  const id = requestIdString((request as { id?: unknown }).id);
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

function serverHooks(state: ServerState, description: RequestDescription, connection: Attributes): TracedHooks<unknown> {
  return {
    errorType: (error) => (error instanceof McpRequestCancelled ? semconv.ERROR_TYPE_CANCELLED : serverErrorType(error)),
    onResult: (span, result) => recordResponseOutcome(span, description.method, result, state),
    onEnd(span, outcome) {
      const statusCode = serverStatusCode(outcome.error, outcome.errorType);
      if (statusCode !== undefined) span.setAttribute(semconv.ATTR_RPC_RESPONSE_STATUS_CODE, statusCode);
      if (state.protocolVersion !== undefined) connection[semconv.ATTR_MCP_PROTOCOL_VERSION] ??= state.protocolVersion;
      const attributes = metricAttributes(description, connection, outcome.errorType, statusCode);
      recordMetric(METRICS.mcpServerDuration, outcome.durationSeconds, attributes, { context: outcome.context });
    },
  };
}

function metaOf(request: unknown): unknown {
  const params = (request as { params?: unknown }).params;
  return params !== null && typeof params === 'object' ? (params as { _meta?: unknown })._meta : undefined;
}

/** Streamable HTTP sends the negotiated version on every request after `initialize`. */
function headerProtocolVersion(extra: unknown): string | undefined {
  const headers = (extra as { requestInfo?: { headers?: Record<string, unknown> } } | undefined)?.requestInfo?.headers;
  const value = headers?.['mcp-protocol-version'];
  return typeof value === 'string' && value.length <= 64 ? value : undefined;
}
