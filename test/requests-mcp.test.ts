// A request whose tool calls a failing MCP tool (isError) over the real MCP SDK's in-memory
// transport: the server span joins the caller's request (its remote parent is open in this
// process), and the failure is counted once, as the mcp layer.
import { AIMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { tool } from '@langchain/core/tools';
import { semconv } from '@sightline/core';
import { SightlineCallbackHandler } from '@sightline/langchain';
import { createAgent } from 'langchain';
import { describe, expect, it } from 'vitest';
import { useInMemorySession } from '../packages/mcp/test/support/in-memory-session.js';

const tags = { project: 'untagged', team: 'logistics', cost_center: 'untagged', feature: 'tracking', environment: 'untagged' };

describe('a request with a failing MCP tool', () => {
  const session = useInMemorySession();

  it('is one request, with outcome error and the mcp layer counted once', async () => {
    const telemetry = session.telemetry();
    const pair = await session.connect({ instrument: true });
    await pair.client.listTools();
    const track = tool(
      async () => {
        const result = await pair.client.callTool({ name: 'fails', arguments: {} });
        return (result.content as { text: string }[])[0]!.text;
      },
      { name: 'track_shipment', description: 'Track a shipment', schema: { type: 'object', properties: {} } },
    );
    const usage = { input_tokens: 100, output_tokens: 20, total_tokens: 120 };
    const model = fakeModel()
      .respond(
        new AIMessage({
          content: '',
          tool_calls: [{ name: 'track_shipment', args: {}, id: 'c1', type: 'tool_call' }],
          usage_metadata: usage,
        }),
      )
      .respond(new AIMessage({ content: 'unknown order', usage_metadata: usage }));
    const agent = createAgent({ model, tools: [track], name: 'tracker' });
    await telemetry.obs.withTags({ team: 'logistics', feature: 'tracking' }, () =>
      agent.invoke({ messages: [{ role: 'user', content: 'where is it?' }] }, { callbacks: [new SightlineCallbackHandler()] }),
    );

    const failedMcpSpans = telemetry.spans().filter((span) => span.attributes[semconv.ATTR_ERROR_TYPE] === semconv.ERROR_TYPE_TOOL_ERROR);
    expect(failedMcpSpans.map((span) => span.kind).sort()).toEqual([1, 2]); // the server's and the client's span
    // The session's setup (initialize, tools/list) ran outside any request: local roots of their own, untagged.
    const requests = (await telemetry.points(semconv.METRIC_SIGHTLINE_REQUEST_MODEL_CALLS))
      .filter(({ attributes }) => attributes['team'] !== 'untagged')
      .map(({ attributes, value }) => ({ attributes, sum: (value as { sum: number }).sum, count: (value as { count: number }).count }));
    expect(requests).toEqual([
      { attributes: { ...tags, [semconv.ATTR_SIGHTLINE_REQUEST_OUTCOME]: semconv.REQUEST_OUTCOME_ERROR }, sum: 2, count: 1 },
    ]);
    expect(await telemetry.points(semconv.METRIC_SIGHTLINE_REQUEST_ERRORS)).toEqual([
      { attributes: { ...tags, [semconv.ATTR_SIGHTLINE_REQUEST_FAILED_LAYER]: semconv.REQUEST_LAYER_MCP }, value: 1 },
    ]);
  });
});
