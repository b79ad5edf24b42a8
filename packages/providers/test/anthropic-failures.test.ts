// Failures and nesting: the API's errors reach the app exactly as with the SDK's tracing off and are
// recorded on the span and the duration metric with the SDK's error type; a call inside a LangChain
// tool nests under the tool's span and takes the run's tags, on the span and on the metrics.
import { trace } from '@opentelemetry/api';
import { semconv, withTags } from '@sightline/core';
import { SightlineCallbackHandler } from '@sightline/langchain';
import { expectTree } from '@sightline/testing';
import { tool } from '@langchain/core/tools';
import { describe, expect, it } from 'vitest';
import { instrumentAnthropic } from '../src/anthropic.js';
import { anthropicFixture, clients, replay, sdkAttributes, SEARCH_TAGS, USER_MESSAGE } from './anthropic-replay.js';
import { useReplayHarness } from './replay-harness.js';

const harness = useReplayHarness(instrumentAnthropic);

const A = semconv;

/** What the app can see of an API error. */
function visible(error: unknown) {
  const fields = error as { constructor: { name: string }; status?: number; message: string; type?: unknown; headers?: Headers };
  return {
    type: fields.constructor.name,
    status: fields.status,
    message: fields.message,
    errorType: fields.type,
    retryAfter: fields.headers?.get('retry-after'),
  };
}

describe('instrumentAnthropic: API errors', () => {
  it.each([
    ['rate-limited', 'RateLimitError', 429, 'rate_limit_error', { 'anthropic.request.id': 'req_011CSHoRateLimited00000' }],
    ['server-error', 'InternalServerError', 500, 'api_error', {}],
  ])(
    '%s: the app gets the same %s; the span and the duration metric get error.type',
    async (name, errorClass, status, errorType, extra) => {
      const fixture = anthropicFixture(name);
      replay(harness.server, fixture);
      const { traced, bare } = clients(harness.server);
      const request = { ...fixture.request, messages: USER_MESSAGE };
      const expected = await bare.messages.create(request).catch((error: unknown) => error);
      const error = await withTags({ team: 'search' }, () => traced.messages.create(request)).catch((problem: unknown) => problem);

      expect(visible(error)).toEqual(visible(expected));
      expect(visible(error).type).toBe(errorClass);
      if (status === 429) expect(visible(error).retryAfter).toBe('30');
      expectTree(harness.telemetry.spans(), {
        name: A.ANTHROPIC_SPAN_MESSAGES_CREATE,
        attributes: { ...sdkAttributes(harness.server, fixture.request, status), ...SEARCH_TAGS, ...extra, [A.ATTR_ERROR_TYPE]: errorType },
      });
      expect(harness.telemetry.spans()[0]?.status.code).toBe(2);
      const durations = await harness.telemetry.points(A.METRIC_GEN_AI_CLIENT_OPERATION_DURATION);
      expect(durations).toEqual([
        {
          attributes: {
            [A.ATTR_GEN_AI_OPERATION_NAME]: A.GEN_AI_OPERATION_CHAT,
            [A.ATTR_GEN_AI_PROVIDER_NAME]: A.GEN_AI_PROVIDER_ANTHROPIC,
            [A.ATTR_GEN_AI_REQUEST_MODEL]: 'claude-sonnet-4-5',
            [A.ATTR_ERROR_TYPE]: errorType,
            ...SEARCH_TAGS,
          },
          value: expect.objectContaining({ count: 1 }),
        },
      ]);
      expect(await harness.telemetry.points(A.METRIC_SIGHTLINE_LLM_COST)).toEqual([]);
      expect(await harness.telemetry.points(A.METRIC_GEN_AI_CLIENT_TOKEN_USAGE)).toEqual([]);
    },
  );
});

describe('instrumentAnthropic: inside a LangChain tool', () => {
  it('nests the call span under the tool run and takes the run’s tags, on the span and the cost', async () => {
    replay(harness.server, anthropicFixture('message-tool-use'));
    const { traced } = clients(harness.server);
    const ask = tool(
      async () => {
        const message = await traced.messages.create({ model: 'claude-haiku-4-5', max_tokens: 64, messages: USER_MESSAGE });
        return message.content[0]?.type === 'text' ? message.content[0].text : '';
      },
      { name: 'ask_claude', description: 'asks Claude' },
    );
    const answer = await withTags({ team: 'search' }, () =>
      ask.invoke({}, { callbacks: [new SightlineCallbackHandler()], metadata: { feature: 'lookup' } }),
    );

    expect(answer).toBe("I'll check the current weather in San Francisco for you.");
    expectTree(harness.telemetry.spans(), {
      name: 'execute_tool ask_claude',
      children: [{ name: A.ANTHROPIC_SPAN_MESSAGES_CREATE, attributesContaining: { team: 'search', feature: 'lookup' } }],
    });
    const [cost] = await harness.telemetry.points(A.METRIC_SIGHTLINE_LLM_COST);
    expect(cost?.attributes).toMatchObject({ team: 'search', feature: 'lookup' });
    expect(cost?.value).toBeCloseTo((384 * 1 + 79 * 5) / 1e6, 12);
  });
});

describe('instrumentAnthropic: inside another model-call span', () => {
  it('leaves the SDK span to the model span it runs in (LangChain ChatAnthropic runs this SDK): one cost, not two', async () => {
    replay(harness.server, anthropicFixture('message-tool-use'));
    const { traced } = clients(harness.server);
    // Stands in for LangChain's `chat` span, which records the same call with its own usage and cost.
    await trace
      .getTracer('outer-instrumentation')
      .startActiveSpan(
        'chat claude-haiku-4-5',
        { attributes: { [A.ATTR_GEN_AI_OPERATION_NAME]: A.GEN_AI_OPERATION_CHAT } },
        async (outer) => {
          await traced.messages.create({ model: 'claude-haiku-4-5', max_tokens: 64, messages: USER_MESSAGE });
          outer.end();
        },
      );

    expectTree(harness.telemetry.spans(), { name: 'chat claude-haiku-4-5', children: [{ name: A.ANTHROPIC_SPAN_MESSAGES_CREATE }] });
    const inner = harness.telemetry.spans().find((span) => span.name === A.ANTHROPIC_SPAN_MESSAGES_CREATE);
    expect(inner?.attributes[A.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]).toBe(79);
    expect(inner?.attributes).not.toHaveProperty(A.ATTR_SIGHTLINE_COST_USD);
    expect(await harness.telemetry.points(A.METRIC_SIGHTLINE_LLM_COST)).toEqual([]);
    expect(await harness.telemetry.points(A.METRIC_GEN_AI_CLIENT_OPERATION_DURATION)).toEqual([]);
  });
});
