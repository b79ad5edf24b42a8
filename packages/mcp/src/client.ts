import { createLogger } from '@sightline/core/instrumentation';
import { newConnectionState } from './connection-state.js';
import { instrumentIncoming } from './incoming.js';
import { instrumentOutgoing } from './outgoing.js';
import type { InstrumentableMcpClient, McpClientOptions } from './types.js';

const log = createLogger('mcp-client');

/**
 * Instruments this one client (no prototype is touched): every request and
 * notification it sends gets a CLIENT span `{mcp.method.name} {target}` and
 * carries the trace context and the caller's tags in `params._meta`; the
 * server's requests and notifications it serves (sampling, elicitation, roots,
 * progress) get SERVER spans. Returns the same client.
 */
export function instrumentMcpClient<T extends InstrumentableMcpClient>(client: T, options: McpClientOptions = {}): T {
  try {
    if (typeof (client as unknown as { request?: unknown }).request !== 'function') {
      log.warnOnce('unsupported', 'instrumentMcpClient: this is not an MCP SDK Client; left uninstrumented');
      return client;
    }
    const state = newConnectionState(client, 'client', options);
    if (state === undefined) return client; // instrumented already
    instrumentOutgoing(state);
    instrumentIncoming(state);
  } catch (error) {
    log.warnOnce('install', 'instrumentMcpClient failed; the client works uninstrumented', error);
  }
  return client;
}
