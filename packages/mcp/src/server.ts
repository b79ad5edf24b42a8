import { createLogger } from '@sightline/core/instrumentation';
import { newConnectionState } from './connection-state.js';
import { hasRequestHandlers, instrumentIncoming } from './incoming.js';
import { instrumentOutgoing } from './outgoing.js';
import type { InstrumentableMcpServer, McpServerOptions } from './types.js';

const log = createLogger('mcp-server');

/**
 * Instruments this one server: every request and notification it receives gets
 * a SERVER span, parented to the caller's span from `_meta`, and runs with the
 * caller's validated tags; what it sends the client (sampling, elicitation,
 * roots, notifications) gets CLIENT spans. Handlers registered before and after
 * this call are covered. Returns the same server.
 */
export function instrumentMcpServer<T extends InstrumentableMcpServer>(server: T, options: McpServerOptions = {}): T {
  try {
    const protocol = lowLevelServer(server);
    if (protocol === undefined || !hasRequestHandlers(protocol) || typeof (protocol as { request?: unknown }).request !== 'function') {
      log.warnOnce('unsupported', 'instrumentMcpServer: not an MCP SDK McpServer or Server; left uninstrumented');
      return server;
    }
    const state = newConnectionState(protocol, 'server', options);
    if (state === undefined) return server; // instrumented already
    instrumentIncoming(state);
    instrumentOutgoing(state);
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
