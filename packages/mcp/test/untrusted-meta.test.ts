import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { semconv, type DefaultTagSchema } from '@sightline/core';
import { instrumentMcpServer } from '@sightline/mcp';
import { describe, expect, it } from 'vitest';
import { expectTree, findSpan, type TestTelemetry } from '../../testing/src/index.js';
import { buildFixtureServer } from './support/fixture-server.js';
import { useInMemorySession } from './support/in-memory-session.js';
import { toolCallAttributes } from './support/span-attributes.js';

const UNTAGGED = semconv.UNTAGGED_VALUE;
const searchOnly = { project: UNTAGGED, team: 'search', cost_center: UNTAGGED, feature: UNTAGGED, environment: UNTAGGED };
const rejectedKey = (reason: string, field: string) => ({
  [semconv.ATTR_SIGHTLINE_REASON]: reason,
  [semconv.ATTR_SIGHTLINE_PROPAGATION_FIELD]: field,
});

describe('untrusted _meta on the server', () => {
  const session = useInMemorySession();

  async function counter(telemetry: TestTelemetry<DefaultTagSchema>, name: string): Promise<unknown[]> {
    return (await telemetry.points(name)).map((point) => ({ ...point.attributes, value: point.value }));
  }

  it('ignores and counts a malformed traceparent, an oversized tracestate and garbage baggage; serves the call; injects no attribute', async () => {
    const telemetry = session.telemetry();
    const pair = await session.connect({ instrument: 'server' });
    const result = await pair.client.callTool({
      name: 'lookup',
      arguments: { query: 'q' },
      _meta: {
        traceparent: '00-zzzz-not-a-trace-01',
        tracestate: `vendor=${'v'.repeat(600)}`,
        baggage: 'team=search,%%%,gen_ai.usage.input_tokens=99,sightline.cost.usd=5,bogus=1',
      },
    });
    expect(result).toEqual({ content: [{ type: 'text', text: JSON.stringify({ query: 'q', tags: { team: 'search' } }) }] });

    const served = telemetry.spans().filter((span) => span.name === 'tools/call lookup');
    expectTree(served, {
      name: 'tools/call lookup',
      kind: SpanKind.SERVER,
      attributes: toolCallAttributes('lookup', searchOnly),
    });
    expect(served[0]?.parentSpanContext).toBeUndefined();
    expect(served[0]?.status.code).toBe(SpanStatusCode.UNSET);

    expect(await counter(telemetry, semconv.METRIC_SIGHTLINE_MCP_CONTEXT_REJECTED)).toEqual([
      { ...rejectedKey(semconv.REASON_MALFORMED, 'traceparent'), value: 1 },
      { ...rejectedKey(semconv.REASON_OVERSIZED, 'tracestate'), value: 1 },
    ]);
    const baggage = { [semconv.ATTR_SIGHTLINE_SOURCE]: semconv.SOURCE_BAGGAGE };
    expect(await counter(telemetry, semconv.METRIC_SIGHTLINE_TAGS_REJECTED)).toEqual([
      { [semconv.ATTR_SIGHTLINE_REASON]: semconv.REASON_MALFORMED, ...baggage, value: 1 },
      { [semconv.ATTR_SIGHTLINE_REASON]: semconv.REASON_UNKNOWN_KEY, ...baggage, value: 3 },
    ]);
  });

  it('100 KB of baggage: the oversized entry is dropped and counted, the valid one kept, the call served under the caller span', async () => {
    const telemetry = session.telemetry();
    const pair = await session.connect({ instrument: true });
    const huge = `team=search,feature=${'x'.repeat(100 * 1024)}`;
    const result = await pair.client.callTool({ name: 'lookup', arguments: { query: 'q' }, _meta: { baggage: huge } });
    expect(result).toEqual({ content: [{ type: 'text', text: JSON.stringify({ query: 'q', tags: { team: 'search' } }) }] });
    const spans = telemetry.spans();
    const caller = spans.find((span) => span.name === 'tools/call lookup' && span.kind === SpanKind.CLIENT)!;
    const served = spans.find((span) => span.name === 'tools/call lookup' && span.kind === SpanKind.SERVER)!;
    expect(served.parentSpanContext?.spanId).toBe(caller.spanContext().spanId);
    expect(served.attributes).toMatchObject(searchOnly);
    expect(findSpan(spans, 'vector query').attributes).toEqual(searchOnly);
    expect(await counter(telemetry, semconv.METRIC_SIGHTLINE_TAGS_REJECTED)).toEqual([
      { [semconv.ATTR_SIGHTLINE_REASON]: semconv.REASON_OVERSIZED, [semconv.ATTR_SIGHTLINE_SOURCE]: semconv.SOURCE_BAGGAGE, value: 1 },
    ]);
  });

  it('keeps _meta keys the caller set, adds the trace context, and leaves the caller request untouched', async () => {
    const telemetry = session.telemetry();
    const pair = await session.connect({ instrument: true });
    const own = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const params = { name: 'meta', arguments: {}, _meta: { traceparent: own, progressToken: 'mine' } };
    const snapshot = structuredClone(params);
    const result = await telemetry.obs.withTags({ team: 'search' }, () => pair.client.callTool(params));
    expect(params).toEqual(snapshot);
    const seen = JSON.parse((result.content as { text: string }[])[0]!.text);
    expect(seen).toEqual({ traceparent: own, progressToken: 'mine', baggage: 'team=search' });
  });

  it('answers raw JSON-RPC with non-string or non-object _meta exactly as an uninstrumented server does (messages whose _meta is no object get no reply from either)', async () => {
    const messages: JSONRPCMessage[] = [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'fails', arguments: {}, _meta: { traceparent: 42, tracestate: ['x'], baggage: { team: 'x' } } },
      },
      {
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'fails', arguments: {}, _meta: 'garbage' },
      } as unknown as JSONRPCMessage,
      { jsonrpc: '2.0', id: 3, method: 'tools/list', params: { _meta: null } } as unknown as JSONRPCMessage,
    ];
    const plain = await exchange(false, messages);
    const telemetry = session.telemetry();
    const instrumented = await exchange(true, messages);
    expect(instrumented).toEqual(plain);
    expect(instrumented.map((reply) => (reply as { id: number }).id)).toEqual([1]);
    expect(telemetry.spans().map((span) => [span.name, span.attributes[semconv.ATTR_ERROR_TYPE]])).toEqual([
      ['tools/call fails', semconv.ERROR_TYPE_TOOL_ERROR],
    ]);
    expect(await counter(telemetry, semconv.METRIC_SIGHTLINE_MCP_CONTEXT_REJECTED)).toEqual([
      { ...rejectedKey(semconv.REASON_MALFORMED, 'traceparent'), value: 1 },
      { ...rejectedKey(semconv.REASON_MALFORMED, 'baggage'), value: 1 },
      { ...rejectedKey(semconv.REASON_MALFORMED, 'tracestate'), value: 1 },
    ]);
  });
});

/** Sends raw messages to a fresh server and returns its replies in order. */
async function exchange(instrument: boolean, messages: JSONRPCMessage[]): Promise<JSONRPCMessage[]> {
  const server = buildFixtureServer();
  if (instrument) instrumentMcpServer(server);
  const [raw, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const replies: JSONRPCMessage[] = [];
  raw.onmessage = (message) => replies.push(message);
  await raw.start();
  for (const message of messages) await raw.send(message);
  // The SDK drops messages whose _meta is not an object before any handler runs: no reply comes for them.
  await expect.poll(() => replies.length).toBeGreaterThan(0);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await server.close();
  return replies.sort((a, b) => Number((a as { id: number }).id) - Number((b as { id: number }).id));
}
