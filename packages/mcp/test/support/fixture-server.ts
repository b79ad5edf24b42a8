import { context, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { getTags } from '@sightline/core';
import { z } from 'zod';
import { instrumentMcpClient, instrumentMcpServer, type McpServerOptions } from '@sightline/mcp';

/**
 * The tools every transport test serves. `lookup` does work of its own (a span
 * an app's vector query would make) and answers with the tags it ran under.
 */
export function buildFixtureServer(): McpServer {
  const server = new McpServer({ name: 'fixture', version: '1.0.0' });
  server.registerTool('lookup', { inputSchema: { query: z.string() } }, async ({ query }) => {
    trace.getTracer('fixture-app').startActiveSpan('vector query', (span) => span.end());
    return { content: [{ type: 'text', text: JSON.stringify({ query, tags: getTags() }) }] };
  });
  server.registerTool('fails', {}, async () => ({ content: [{ type: 'text', text: 'no such order' }], isError: true }));
  server.registerTool('throws', {}, async () => {
    throw new Error('database is down');
  });
  server.registerTool('slow', {}, async (extra) => {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5_000);
      extra.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return { content: [{ type: 'text', text: 'late' }] };
  });
  server.registerTool('meta', {}, async (extra) => ({ content: [{ type: 'text', text: JSON.stringify(extra._meta ?? null) }] }));
  server.registerTool('hang', {}, () => new Promise<never>(() => {}));
  server.registerPrompt('summarise', { argsSchema: { topic: z.string() } }, ({ topic }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `Summarise ${topic}` } }],
  }));
  server.registerResource('handbook', 'docs://handbook', {}, async (uri) => ({
    contents: [{ uri: uri.href, text: 'the handbook' }],
  }));
  return server;
}

/** A low-level Server whose `tools/call` throws JSON-RPC errors (an McpError and a plain Error), or answers an invalid result. */
export function buildLowLevelServer(): Server {
  const server = new Server({ name: 'low-level', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(
    z.object({ method: z.literal('tools/call'), params: z.object({ name: z.string() }).passthrough() }),
    async (request) => {
      if (request.params.name === 'invalid') throw new McpError(-32602, 'bad arguments', { field: 'query' });
      if (request.params.name === 'bad-result') return { content: 'not a list' };
      throw new Error('handler crashed');
    },
  );
  return server;
}

export interface ConnectedPair {
  client: Client;
  server: McpServer | Server;
  close(): Promise<void>;
}

export interface PairOptions {
  /** `server`: only the server is instrumented, as when a foreign client calls it. */
  instrument: boolean | 'server';
  /** Passed to `instrumentMcpServer` (when the server is instrumented). */
  serverOptions?: McpServerOptions;
  server?: () => McpServer | Server;
  /** A client with its own capabilities and handlers (sampling, roots, elicitation). */
  client?: () => Client;
  /**
   * The context the server receives messages in. In-memory delivery would
   * otherwise run the server inside the caller's own context, hiding whether
   * the trace context really travelled in `_meta`.
   */
  serverAmbient?: () => Context;
}

export async function connectInMemory(options: PairOptions): Promise<ConnectedPair> {
  const server = (options.server ?? buildFixtureServer)();
  const client = options.client?.() ?? new Client({ name: 'fixture-client', version: '1.0.0' });
  if (options.instrument) instrumentMcpServer(server, options.serverOptions);
  if (options.instrument === true) instrumentMcpClient(client);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const ambient = options.serverAmbient ?? (() => ROOT_CONTEXT);
  const deliver = serverTransport.onmessage;
  serverTransport.onmessage = (message: JSONRPCMessage, extra) => context.with(ambient(), () => deliver?.(message, extra));
  await client.connect(clientTransport);
  return { client, server, close: () => client.close() };
}

/** How a call settled, in a form two runs can be compared by: the value, or the error's class and fields. */
export async function settle(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return { value: await run() };
  } catch (error) {
    const { name, message, code, data } = error as { name?: string; message?: string; code?: unknown; data?: unknown };
    return { error: { class: (error as object).constructor?.name, name, message, code, data } };
  }
}
