import { tool } from '@langchain/core/tools';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { instrumentMcpClient } from '@sightline/mcp';
import { z } from 'zod';

/** A tracking call slower than this is given up on: the flaky carrier must not stall the agent. */
const CALL_TIMEOUT_MS = 400;

export interface OrderService {
  client: Client;
  /** Closes stdin: the server flushes its telemetry and exits; resolves once it has. */
  close(): Promise<void>;
}

/** Starts the order-service MCP server as a child process and connects an instrumented client to it. */
export async function connectOrderService(serverScript: string, telemetryDir: string): Promise<OrderService> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [serverScript, telemetryDir], stderr: 'inherit' });
  const client = instrumentMcpClient(new Client({ name: 'support-bot', version: '0.1.0' }));
  await client.connect(transport);
  return { client, close: () => client.close() };
}

/** Calls an MCP tool; a tool error or a timeout throws, so the agent sees a failed tool call. */
async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<string> {
  const result = await client.callTool({ name, arguments: args }, undefined, { timeout: CALL_TIMEOUT_MS });
  const text = (result.content as { type: string; text?: string }[]).map((part) => part.text ?? '').join('');
  if (result.isError) throw new Error(`${name} failed: ${text}`);
  return text;
}

const orderId = z.object({ order_id: z.string().describe('The order id, e.g. A-1012') });

/** The agent's order tools: each is one MCP `tools/call` to the order service. */
export function orderTools(client: Client) {
  return [
    tool(({ order_id }) => callTool(client, 'lookup_order', { order_id }), {
      name: 'lookup_order',
      description: 'Look up the status, item and carrier of a customer order.',
      schema: orderId,
    }),
    tool(({ order_id }) => callTool(client, 'track_shipment', { order_id }), {
      name: 'track_shipment',
      description: "Get the live position of an order's parcel from the carrier.",
      schema: orderId,
    }),
  ];
}
