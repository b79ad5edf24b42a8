// The order service: an MCP tool server in its own process, spoken to over
// stdio. It writes its own telemetry (SERVER spans parented to the caller's
// client spans through `_meta`) into the same directory as the agent.
import { trace } from '@opentelemetry/api';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { init } from '@sightline/core';
import { instrumentMcpServer } from '@sightline/mcp';
import { z } from 'zod';
import { findOrder } from './orders.js';

/** Every Nth tracking call fails (the carrier API answers 503), every Mth hangs past the client's timeout. */
const TRACKING_FAILS_EVERY = 5;
const TRACKING_HANGS_EVERY = 6;
const HANG_MS = 5_000;

const dir = process.argv[2] ?? '.sightline';
const obs = init({ serviceName: 'order-service', serviceVersion: '0.1.0', defaultTags: { environment: 'dev' }, exporters: { file: dir } });
const tracer = trace.getTracer('order-service');
const server = instrumentMcpServer(new McpServer({ name: 'order-service', version: '0.1.0' }));

const text = (value: unknown) => ({ content: [{ type: 'text' as const, text: JSON.stringify(value) }] });
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** The order database read: its own span under the MCP SERVER span. */
function readOrder(orderId: string) {
  return tracer.startActiveSpan('orders.read', async (span) => {
    await sleep(4 + (orderId.length % 5));
    span.end();
    return findOrder(orderId);
  });
}

server.registerTool(
  'lookup_order',
  { description: 'Status, item and carrier of an order', inputSchema: { order_id: z.string() } },
  async ({ order_id }) => {
    const order = await readOrder(order_id);
    return order ? text(order) : { ...text({ error: `no order ${order_id}` }), isError: true };
  },
);

let trackingCalls = 0;
server.registerTool(
  'track_shipment',
  { description: "Live position of an order's parcel from the carrier", inputSchema: { order_id: z.string() } },
  async ({ order_id }, extra) => {
    const call = ++trackingCalls;
    const order = await readOrder(order_id);
    if (call % TRACKING_HANGS_EVERY === 0) await sleep(HANG_MS, extra.signal);
    if (call % TRACKING_FAILS_EVERY === 0 || !order) {
      return { ...text({ error: order ? 'carrier API returned 503' : `no order ${order_id}` }), isError: true };
    }
    await sleep(15);
    const position = order.status === 'delivered' ? 'delivered to the front door' : 'at the regional sort centre';
    return text({ orderId: order.orderId, carrier: order.carrier, trackingNumber: order.trackingNumber, position });
  },
);

await server.connect(new StdioServerTransport());
// The client closing stdin is the signal to flush and leave.
process.stdin.on('end', async () => {
  await obs.shutdown();
  process.exit(0);
});
