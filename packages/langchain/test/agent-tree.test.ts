import { SpanKind, trace } from '@opentelemetry/api';
import { semconv } from '@sightline/core';
import { SightlineCallbackHandler } from '@sightline/langchain';
import { expectParent, expectTree, findSpan, type TestTelemetry, type SpanShape } from '@sightline/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildLookupAgent, untaggedAttributes, useAgentTelemetry, PROMPT_HASH } from './helpers.js';

const current = useAgentTelemetry();
let telemetry: TestTelemetry<never>;
beforeEach(() => {
  telemetry = current();
});

const buildAgent = buildLookupAgent;

const chatAttributes = (tags: object, input: number, output: number, cost: number) => ({
  [semconv.ATTR_GEN_AI_OPERATION_NAME]: 'chat',
  ...PROMPT_HASH,
  [semconv.ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
  [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-4o-mini',
  [semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: input,
  [semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: output,
  [semconv.ATTR_SIGHTLINE_COST_USD]: cost,
  ...tags,
});

/** The whole tree of one agent run: tool call, a retriever inside the tool, then the answer. */
function agentTree(tags: object, callId = 'call_1'): SpanShape {
  const modelStep = (input: number, output: number, cost: number): SpanShape => ({
    name: 'model_request',
    kind: SpanKind.INTERNAL,
    attributes: { ...tags },
    children: [
      { name: 'chat gpt-4o-mini', kind: SpanKind.CLIENT, attributes: chatAttributes(tags, input, output, cost) },
      { name: 'RunnableLambda', kind: SpanKind.INTERNAL, attributes: { ...tags } },
    ],
  });
  return {
    name: 'invoke_agent helper',
    kind: SpanKind.INTERNAL,
    attributes: {
      [semconv.ATTR_GEN_AI_OPERATION_NAME]: 'invoke_agent',
      [semconv.ATTR_GEN_AI_AGENT_NAME]: 'helper',
      ...tags,
      // The request's cost, on its root: both model calls, added in the order they ended.
      [semconv.ATTR_SIGHTLINE_REQUEST_COST_USD]: 0 + (100 * 0.15 + 20 * 0.6) / 1e6 + (200 * 0.15 + 50 * 0.6) / 1e6,
    },
    children: [
      modelStep(100, 20, (100 * 0.15 + 20 * 0.6) / 1e6),
      {
        name: 'tools',
        kind: SpanKind.INTERNAL,
        attributes: { ...tags },
        children: [
          {
            name: 'execute_tool lookup',
            kind: SpanKind.INTERNAL,
            attributes: {
              [semconv.ATTR_GEN_AI_OPERATION_NAME]: 'execute_tool',
              [semconv.ATTR_GEN_AI_TOOL_NAME]: 'lookup',
              [semconv.ATTR_GEN_AI_TOOL_CALL_ID]: callId,
              ...tags,
            },
            children: [
              { name: 'tool work', kind: SpanKind.INTERNAL, attributes: { ...tags } },
              {
                name: 'retrieval DocsRetriever',
                kind: SpanKind.INTERNAL,
                attributes: {
                  [semconv.ATTR_GEN_AI_OPERATION_NAME]: 'retrieval',
                  [semconv.ATTR_GEN_AI_DATA_SOURCE_ID]: 'DocsRetriever',
                  ...tags,
                },
                children: [{ name: 'query docs-db', kind: SpanKind.INTERNAL, attributes: { ...tags }, children: [] }],
              },
            ],
          },
        ],
      },
      modelStep(200, 50, (200 * 0.15 + 50 * 0.6) / 1e6),
    ],
  };
}

describe('SightlineCallbackHandler on a createAgent run', () => {
  it('builds the whole tree: agent → model steps, tool → retriever, with spans started inside tool and retriever bodies nested', async () => {
    const handler = new SightlineCallbackHandler();
    const tags = { ...untaggedAttributes, team: 'search', feature: 'faq' };
    const result = await telemetry.obs.withTags({ team: 'search', feature: 'faq' } as never, () =>
      buildAgent().invoke({ messages: [{ role: 'user', content: 'what is otel?' }] }, { callbacks: [handler] }),
    );
    expect(result.messages.at(-1)?.content).toBe('answer about otel');
    expectTree(telemetry.spans(), agentTree(tags));
    expect(handler.openRuns).toBe(0);
  });

  it("nests the agent under the caller's active span, and works as one handler bound once with withConfig", async () => {
    const handler = new SightlineCallbackHandler();
    const agent = buildAgent().withConfig({ callbacks: [handler] });
    await trace.getTracer('app').startActiveSpan('POST /ask', async (request) => {
      await agent.invoke({ messages: [{ role: 'user', content: 'hi' }] });
      request.end();
    });
    const spans = telemetry.spans();
    expectParent(findSpan(spans, 'invoke_agent helper'), findSpan(spans, 'POST /ask'));
    expectParent(findSpan(spans, 'query docs-db'), findSpan(spans, 'retrieval DocsRetriever'));
    expect(spans).toHaveLength(13);
  });

  it('keeps parents and tags apart across 50 concurrent runs on one shared handler', async () => {
    const handler = new SightlineCallbackHandler();
    const runs = Array.from({ length: 50 }, (_, index) =>
      telemetry.obs.withTags({ team: `team-${index}`, feature: `f-${index}` } as never, () =>
        buildAgent(`call_${index}`, `topic-${index}`).invoke(
          { messages: [{ role: 'user', content: `q${index}` }] },
          { callbacks: [handler] },
        ),
      ),
    );
    const results = await Promise.all(runs);
    results.forEach((result, index) => expect(result.messages.at(-1)?.content).toBe(`answer about topic-${index}`));
    const spans = telemetry.spans();
    expect(spans).toHaveLength(50 * 12);
    const byTrace = new Map<string, typeof spans>();
    for (const span of spans) byTrace.set(span.spanContext().traceId, [...(byTrace.get(span.spanContext().traceId) ?? []), span]);
    expect(byTrace.size).toBe(50);
    for (const traceSpans of byTrace.values()) {
      const tool = findSpan(traceSpans, 'execute_tool lookup');
      const index = String(tool.attributes[semconv.ATTR_GEN_AI_TOOL_CALL_ID]).slice('call_'.length);
      expectTree(traceSpans, agentTree({ ...untaggedAttributes, team: `team-${index}`, feature: `f-${index}` }, `call_${index}`));
    }
    expect(handler.openRuns).toBe(0);
  });
});
