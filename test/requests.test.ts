// Request metrics over whole span trees: a LangChain agent (the real fakeModel and createAgent)
// is one request; its cost, duration, model calls and failed layers are recorded once, when the
// request's local root span ends, under the request's tags.
import { SpanKind, context, trace, type Attributes } from '@opentelemetry/api';
import { AIMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { tool } from '@langchain/core/tools';
import { extractTraceContext, semconv, type DefaultTagSchema } from '@sightline/core';
import { SightlineCallbackHandler } from '@sightline/langchain';
import { setupTestTelemetry, type MetricPoint, type TestTelemetry } from '@sightline/testing';
import { createAgent } from 'langchain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportFakeModelAs } from '../packages/langchain/test/helpers.js';

let telemetry: TestTelemetry<DefaultTagSchema>;
let restoreModel: () => void;
beforeEach(() => {
  telemetry = setupTestTelemetry();
  restoreModel = reportFakeModelAs('openai', 'gpt-4o-mini');
});
afterEach(async () => {
  restoreModel();
  await telemetry.shutdown();
});

const usage = (input: number, output: number) => ({ input_tokens: input, output_tokens: output, total_tokens: input + output });

/** A tool that always fails; the agent passes the error back to the model, which then answers. */
const brokenTool = () =>
  tool(
    async () => {
      throw new Error('shipment service down');
    },
    {
      name: 'track_shipment',
      description: 'Track a shipment',
      schema: { type: 'object', properties: { id: { type: 'string' } } },
    },
  );

/** An agent that calls the failing tool once, then answers: two model calls. */
function failingToolAgent() {
  const model = fakeModel()
    .respond(
      new AIMessage({
        content: '',
        tool_calls: [{ name: 'track_shipment', args: { id: 's1' }, id: 'c1', type: 'tool_call' }],
        usage_metadata: usage(100, 20),
      }),
    )
    .respond(new AIMessage({ content: 'It could not be tracked.', usage_metadata: usage(200, 50) }));
  return createAgent({ model, tools: [brokenTool()], name: 'support' });
}

function answeringAgent(text: string) {
  return createAgent({
    model: fakeModel().respond(new AIMessage({ content: text, usage_metadata: usage(10, 5) })),
    tools: [],
    name: 'faq',
  });
}

interface Agent {
  invoke(input: { messages: { role: string; content: string }[] }, options: { callbacks: SightlineCallbackHandler[] }): Promise<unknown>;
}
const ask = (agent: Agent) =>
  agent
    .invoke({ messages: [{ role: 'user', content: 'where is s1?' }] }, { callbacks: [new SightlineCallbackHandler()] })
    .catch((error: unknown) => error);

const TAGS = { project: 'untagged', team: 'support', cost_center: 'untagged', feature: 'shipping', environment: 'untagged' };
const withOutcome = (tags: Attributes, outcome: string) => ({ ...tags, [semconv.ATTR_SIGHTLINE_REQUEST_OUTCOME]: outcome });
const histogram = (points: MetricPoint[]) =>
  points.map(({ attributes, value }) => {
    const { sum, count, min, max } = value as { sum: number; count: number; min: number; max: number };
    return { attributes, sum, count, min, max };
  });

describe('a request is a local root span with its descendants', () => {
  it('records cost, duration, model calls and the failed layer of one request, once', async () => {
    await telemetry.obs.withTags({ team: 'support', feature: 'shipping', 'session.id': 's-42' }, () => ask(failingToolAgent()));
    const spans = telemetry.spans();
    const root = spans.find((span) => span.parentSpanContext === undefined)!;
    expect(root.name).toBe('invoke_agent support');
    const modelSpans = spans.filter((span) => span.attributes[semconv.ATTR_GEN_AI_OPERATION_NAME] === semconv.GEN_AI_OPERATION_CHAT);
    expect(modelSpans).toHaveLength(2);
    const cost = modelSpans.reduce((sum, span) => sum + (span.attributes[semconv.ATTR_SIGHTLINE_COST_USD] as number), 0);
    expect(cost).toBeGreaterThan(0);
    const seconds = root.duration[0] + root.duration[1] / 1e9;
    const errorTags = withOutcome(TAGS, semconv.REQUEST_OUTCOME_ERROR); // no session.id: a span-only key

    const [costPoint] = histogram(await telemetry.points(semconv.METRIC_SIGHTLINE_REQUEST_COST));
    expect(costPoint).toEqual({
      attributes: errorTags,
      sum: expect.closeTo(cost, 12),
      count: 1,
      min: expect.closeTo(cost, 12),
      max: expect.closeTo(cost, 12),
    });
    expect(histogram(await telemetry.points(semconv.METRIC_SIGHTLINE_REQUEST_DURATION))).toEqual([
      { attributes: errorTags, sum: seconds, count: 1, min: seconds, max: seconds },
    ]);
    expect(histogram(await telemetry.points(semconv.METRIC_SIGHTLINE_REQUEST_MODEL_CALLS))).toEqual([
      { attributes: errorTags, sum: 2, count: 1, min: 2, max: 2 },
    ]);
    expect(await telemetry.points(semconv.METRIC_SIGHTLINE_REQUEST_ERRORS)).toEqual([
      { attributes: { ...TAGS, [semconv.ATTR_SIGHTLINE_REQUEST_FAILED_LAYER]: semconv.REQUEST_LAYER_TOOL }, value: 1 },
    ]);
  });

  it('keeps two concurrent requests under different tags apart', async () => {
    const { obs } = telemetry;
    await Promise.all([
      obs.withTags({ team: 'search' }, () => ask(answeringAgent('a'))),
      obs.withTags({ team: 'billing' }, () => ask(failingToolAgent())),
    ]);
    const tags = (team: string) => ({ project: 'untagged', team, cost_center: 'untagged', feature: 'untagged', environment: 'untagged' });
    const calls = histogram(await telemetry.points(semconv.METRIC_SIGHTLINE_REQUEST_MODEL_CALLS)).map(({ attributes, sum, count }) => ({
      attributes,
      sum,
      count,
    }));
    expect(calls).toEqual(
      expect.arrayContaining([
        { attributes: withOutcome(tags('search'), semconv.REQUEST_OUTCOME_OK), sum: 1, count: 1 },
        { attributes: withOutcome(tags('billing'), semconv.REQUEST_OUTCOME_ERROR), sum: 2, count: 1 },
      ]),
    );
    expect(calls).toHaveLength(2);
    expect(await telemetry.points(semconv.METRIC_SIGHTLINE_REQUEST_ERRORS)).toEqual([
      { attributes: { ...tags('billing'), [semconv.ATTR_SIGHTLINE_REQUEST_FAILED_LAYER]: semconv.REQUEST_LAYER_TOOL }, value: 1 },
    ]);
  });

  it('starts a new request under a remote parent, and an in-process child of a local span is not one', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const remote = extractTraceContext({ traceparent, baggage: 'team=edge' });
    const tracer = trace.getTracer('test');
    tracer.startActiveSpan('server', {}, remote, (server) => {
      tracer.startSpan('inner').end();
      server.end();
    });
    const spans = telemetry.spans();
    expect(spans.find((span) => span.name === 'server')?.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    const tags = { project: 'untagged', team: 'edge', cost_center: 'untagged', feature: 'untagged', environment: 'untagged' };
    expect(histogram(await telemetry.points(semconv.METRIC_SIGHTLINE_REQUEST_MODEL_CALLS))).toEqual([
      { attributes: withOutcome(tags, semconv.REQUEST_OUTCOME_OK), sum: 0, count: 1, min: 0, max: 0 },
    ]);
  });

  it('records no request for an outgoing call at the top (setup), nor for its in-process callee; a lone model call is one', async () => {
    const tracer = trace.getTracer('test');
    tracer.startActiveSpan(
      'initialize',
      { kind: SpanKind.CLIENT, attributes: { [semconv.ATTR_MCP_METHOD_NAME]: 'initialize' } },
      (client) => {
        // An in-memory MCP server: its span's parent is the client span, carried as a remote context.
        const carried = trace.setSpanContext(context.active(), { ...client.spanContext(), isRemote: true });
        tracer.startSpan('initialize', { kind: SpanKind.SERVER }, carried).end();
        client.end();
      },
    );
    expect(await telemetry.points(semconv.METRIC_SIGHTLINE_REQUEST_DURATION)).toEqual([]);
    const attributes = { [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_CHAT };
    tracer.startSpan('chat gpt-4o-mini', { kind: SpanKind.CLIENT, attributes }).end();
    expect(
      histogram(await telemetry.points(semconv.METRIC_SIGHTLINE_REQUEST_MODEL_CALLS)).map(({ sum, count }) => ({ sum, count })),
    ).toEqual([{ sum: 1, count: 1 }]);
  });
});
