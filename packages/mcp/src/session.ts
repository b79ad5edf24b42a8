import { context as contextApi, type Attributes, type Context } from '@opentelemetry/api';
import { createLogger, recordMetric, semconv, type MetricDefinition } from '@sightline/core/instrumentation';
import { networkTransportOf } from './transport-kind.js';

const log = createLogger('mcp-session');

// Defined here rather than in core's METRICS: only this package records them, through the same recordMetric.
const histogram = (name: string, description: string): MetricDefinition =>
  Object.freeze({ name, kind: 'histogram', unit: 's', description, buckets: semconv.MCP_DURATION_BUCKETS_SECONDS });
const SESSION_METRICS = {
  client: histogram(semconv.METRIC_MCP_CLIENT_SESSION_DURATION, 'Duration of MCP sessions, caller side'),
  server: histogram(semconv.METRIC_MCP_SERVER_SESSION_DURATION, 'Duration of MCP sessions, server side'),
} as const;

/** One side's view of its current session: opened by `initialize`, closed with the connection. */
export interface SessionTracker {
  /**
   * Called when an `initialize` request starts (client) or is served (server); a session already
   * open stays. `lost` also ends it: the SDK's stdio server never closes when its input ends.
   */
  opened(context: Context, lost?: AbortSignal): void;
}

interface OpenSession {
  startedAt: number;
  context: Context;
}

/**
 * Records `mcp.{side}.session.duration` when the SDK's Protocol closes its
 * connection: its `_onclose` (an SDK internal, wrapped on this instance only)
 * runs once per closed transport, whoever closed it. `attributes` gives the
 * session's labels (protocol version, network transport) at close time.
 */
export function trackSessions(protocol: object, side: 'client' | 'server', attributes: () => Attributes): SessionTracker {
  let open: OpenSession | undefined;
  const close = (): void => {
    if (open === undefined) return;
    const { startedAt, context } = open;
    open = undefined;
    recordMetric(SESSION_METRICS[side], (performance.now() - startedAt) / 1000, attributes(), { context });
  };
  const original = (protocol as { _onclose?: unknown })._onclose;
  if (typeof original !== 'function') {
    log.warnOnce(`unsupported:${side}`, `this MCP ${side} has no _onclose; mcp.${side}.session.duration is not recorded`);
    return { opened() {} };
  }
  Object.defineProperty(protocol, '_onclose', {
    value(this: unknown, ...args: unknown[]) {
      try {
        close();
      } catch (error) {
        log.warnOnce(`close:${side}`, 'could not record an MCP session duration', error);
      }
      return (original as (...rest: unknown[]) => unknown).apply(this, args);
    },
    configurable: true,
    writable: true,
    enumerable: false,
  });
  return {
    opened(context = contextApi.active(), lost) {
      if (open !== undefined) return;
      open = { startedAt: performance.now(), context };
      lost?.addEventListener('abort', close, { once: true });
    },
  };
}

/** A session's labels: semconv allows only the protocol version and the network attributes. */
export function sessionLabels(protocolVersion: string | undefined, transport: unknown, networkOverride: string | undefined): Attributes {
  const attributes: Attributes = {};
  if (protocolVersion !== undefined) attributes[semconv.ATTR_MCP_PROTOCOL_VERSION] = protocolVersion;
  const network = networkTransportOf(transport, networkOverride);
  if (network !== undefined) attributes[semconv.ATTR_NETWORK_TRANSPORT] = network;
  return attributes;
}
