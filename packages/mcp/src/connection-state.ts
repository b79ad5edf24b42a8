import type { Context } from '@opentelemetry/api';
import type { McpInstrumentationOptions } from './types.js';
import { sessionLabels, trackSessions, type SessionTracker } from './session.js';

/**
 * What Sightline knows about one SDK Protocol instance (a Client, or a Server
 * inside an McpServer), shared by its outgoing and incoming sides: a client
 * also serves the server's sampling, elicitation and roots requests, and a
 * server sends them.
 */
export interface ConnectionState {
  readonly protocol: object;
  readonly options: McpInstrumentationOptions;
  /** Settled by `initialize` (its result, or on a server its request). */
  protocolVersion?: string;
  readonly session: SessionTracker;
  /**
   * The context of each request this side is serving now, by JSON-RPC id: the SDK sends
   * `notifications/cancelled` past its own `notification()` (so without `_meta`), and the
   * cancellation's span joins the request it cancels instead of starting a trace.
   */
  readonly serving: Map<string, Context>;
}

const states = new WeakMap<object, ConnectionState>();

/** The state of `protocol`, or undefined when it is instrumented already. */
export function newConnectionState(
  protocol: object,
  side: 'client' | 'server',
  options: McpInstrumentationOptions,
): ConnectionState | undefined {
  if (states.has(protocol)) return undefined;
  const transport = (): unknown => (protocol as { transport?: unknown }).transport;
  const state: ConnectionState = {
    protocol,
    options,
    serving: new Map(),
    session: trackSessions(protocol, side, () => sessionLabels(state.protocolVersion, transport(), options.networkTransport)),
  };
  states.set(protocol, state);
  return state;
}

/** The transport the protocol is connected through now (undefined between connections). */
export function transportOf(state: ConnectionState): unknown {
  return (state.protocol as { transport?: unknown }).transport;
}
