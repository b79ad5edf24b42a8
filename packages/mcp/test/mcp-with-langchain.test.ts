import { SpanKind } from '@opentelemetry/api';
import { AIMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { tool } from '@langchain/core/tools';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { semconv } from '@sightline/core';
import { SightlineCallbackHandler } from '@sightline/langchain';
import { createAgent } from 'langchain';
import { describe, expect, it } from 'vitest';
import { expectTree } from '../../testing/src/index.js';
import { useInMemorySession } from './support/in-memory-session.js';

const UNTAGGED = semconv.UNTAGGED_VALUE;
const tags = { project: UNTAGGED, team: 'search', cost_center: UNTAGGED, feature: 'faq', environment: UNTAGGED };
const USAGE_AND_COST = [semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS, semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, semconv.ATTR_SIGHTLINE_COST_USD];

describe('a LangChain agent whose tool calls an MCP tool', () => {
  const session = useInMemorySession();

  it('yields one tree: agent → execute_tool → MCP client → MCP server → the handler spans, with no duplicate tool span', async () => {
    const telemetry = session.telemetry();
    // The server receives messages in a fresh context, as in another process: only _meta links it to the agent.
    const pair = await session.connect({ instrument: true });
    await pair.client.listTools();
    telemetry.reset();
    const client = pair.client;
    const lookup = tool(
      async ({ q }: { q: string }) => {
        const result = await client.callTool({ name: 'lookup', arguments: { query: q } });
        return (result.content as { text: string }[])[0]!.text;
      },
      {
        name: 'lookup',
        description: 'Look a topic up',
        schema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
      },
    );
    const usage = { input_tokens: 100, output_tokens: 20, total_tokens: 120 };
    const model = fakeModel()
      .respond(
        new AIMessage({
          content: '',
          tool_calls: [{ name: 'lookup', args: { q: 'refunds' }, id: 'call_1', type: 'tool_call' }],
          usage_metadata: usage,
        }),
      )
      .respond(new AIMessage({ content: 'refunds take 5 days', usage_metadata: usage }));
    const agent = createAgent({ model, tools: [lookup], name: 'helper' });
    const handler = new SightlineCallbackHandler();

    const result = await telemetry.obs.withTags({ team: 'search', feature: 'faq' }, () =>
      agent.invoke({ messages: [{ role: 'user', content: 'how long do refunds take?' }] }, { callbacks: [handler] }),
    );
    expect(result.messages.at(-1)?.content).toBe('refunds take 5 days');

    const mcp = {
      [semconv.ATTR_MCP_METHOD_NAME]: 'tools/call',
      [semconv.ATTR_GEN_AI_TOOL_NAME]: 'lookup',
      [semconv.ATTR_JSONRPC_REQUEST_ID]: '2',
      [semconv.ATTR_MCP_PROTOCOL_VERSION]: LATEST_PROTOCOL_VERSION,
      ...tags,
    };
    const modelStep = { name: 'model_request', children: [{ name: /^chat/, kind: SpanKind.CLIENT }, { name: 'RunnableLambda' }] };
    expectTree(telemetry.spans(), {
      name: 'invoke_agent helper',
      attributesContaining: { team: 'search', feature: 'faq' },
      children: [
        modelStep,
        {
          name: 'tools',
          children: [
            {
              name: 'execute_tool lookup',
              attributesContaining: { [semconv.ATTR_GEN_AI_TOOL_NAME]: 'lookup', [semconv.ATTR_GEN_AI_TOOL_CALL_ID]: 'call_1' },
              children: [
                {
                  name: 'tools/call lookup',
                  kind: SpanKind.CLIENT,
                  attributes: mcp,
                  children: [
                    {
                      name: 'tools/call lookup',
                      kind: SpanKind.SERVER,
                      attributes: { ...mcp, [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_EXECUTE_TOOL },
                      children: [{ name: 'vector query', kind: SpanKind.INTERNAL, attributes: tags }],
                    },
                  ],
                },
              ],
            },
          ],
        },
        modelStep,
      ],
    });
    // On each side exactly one span per call is the `execute_tool` span: the caller's is LangChain's (the MCP
    // CLIENT span under it is its transport), the callee's is the SERVER span. No MCP span carries usage or cost.
    const spans = telemetry.spans();
    const toolSpans = spans.filter((span) => span.attributes[semconv.ATTR_GEN_AI_OPERATION_NAME] === semconv.GEN_AI_OPERATION_EXECUTE_TOOL);
    expect(toolSpans.map((span) => [span.name, span.kind])).toEqual([
      ['tools/call lookup', SpanKind.SERVER],
      ['execute_tool lookup', SpanKind.INTERNAL],
    ]);
    const mcpSpans = spans.filter((span) => span.instrumentationScope.name === '@sightline/mcp');
    expect(mcpSpans).toHaveLength(2);
    for (const span of mcpSpans) for (const key of USAGE_AND_COST) expect(span.attributes[key]).toBeUndefined();
    expect(handler.openRuns).toBe(0);
  });
});
