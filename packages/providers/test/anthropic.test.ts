// @anthropic-ai/sdk's non-streamed Messages calls, end to end through the real client against responses
// recorded from Anthropic's documentation: the app gets exactly what a client with its tracing off gets,
// and the SDK's own call span is completed into the model-call contract (cost, names, tagged metrics).
import { SpanKind } from '@opentelemetry/api';
import { readInternalCounter, semconv } from '@sightline/core';
import { expectTree } from '@sightline/testing';
import { describe, expect, it } from 'vitest';
import { instrumentAnthropic } from '../src/anthropic.js';
import {
  anthropicFixture,
  callLabels,
  clients,
  inRequest,
  replay,
  sdkAttributes,
  SEARCH_TAGS,
  tokenSums,
  USER_MESSAGE,
} from './anthropic-replay.js';
import { useReplayHarness } from './replay-harness.js';

const harness = useReplayHarness(instrumentAnthropic);

const A = semconv;
interface Case {
  fixture: string;
  responseAttributes: Record<string, unknown>;
  tokens: [string, number][];
  /** Hand computation from catalog.v1.json's USD-per-1M prices. */
  cost: number;
}

const cases: Case[] = [
  {
    fixture: 'message-cache-write',
    responseAttributes: {
      'anthropic.request.id': 'req_011CSHoEeqs5C35K2UUqR7Fy',
      [A.ATTR_GEN_AI_RESPONSE_ID]: 'msg_01Cache1Write9aBcDeFgHiJk',
      [A.ATTR_GEN_AI_RESPONSE_MODEL]: 'claude-sonnet-4-5-20250929',
      [A.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 2072,
      [A.ATTR_ANTHROPIC_USAGE_CACHE_WRITE_INPUT_TOKENS]: 2051,
      [A.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 0,
      'anthropic.usage.cache_creation.ephemeral_5m_input_tokens': 2051,
      'anthropic.usage.cache_creation.ephemeral_1h_input_tokens': 0,
      'anthropic.response.service_tier': 'standard',
      [A.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 393,
      [A.ATTR_ANTHROPIC_MESSAGE_STOP_REASON]: 'end_turn',
      [A.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['end_turn'],
      [A.ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS]: 2051,
    },
    tokens: [
      [A.GEN_AI_TOKEN_TYPE_INPUT, 2072],
      [A.GEN_AI_TOKEN_TYPE_OUTPUT, 393],
      [A.GEN_AI_TOKEN_TYPE_CACHE_READ, 0],
      [A.GEN_AI_TOKEN_TYPE_CACHE_CREATION, 2051],
    ],
    // claude-sonnet-4-5: 21 fresh input at $3/M, 2051 cache writes at $3.75/M, 393 output at $15/M.
    cost: (21 * 3 + 2051 * 3.75 + 393 * 15) / 1e6,
  },
  {
    fixture: 'message-cache-read-thinking',
    responseAttributes: {
      'anthropic.thinking.type': 'enabled',
      'anthropic.thinking.budget_tokens': 10000,
      [A.ATTR_GEN_AI_RESPONSE_ID]: 'msg_01Think2Read8aBcDeFgHiJk',
      [A.ATTR_GEN_AI_RESPONSE_MODEL]: 'claude-sonnet-4-20250514',
      [A.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 4050,
      [A.ATTR_ANTHROPIC_USAGE_CACHE_WRITE_INPUT_TOKENS]: 0,
      [A.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 4000,
      'anthropic.response.service_tier': 'standard',
      [A.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 1500,
      [A.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS]: 1200,
      [A.ATTR_ANTHROPIC_MESSAGE_STOP_REASON]: 'end_turn',
      [A.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['end_turn'],
      [A.ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS]: 0,
    },
    tokens: [
      [A.GEN_AI_TOKEN_TYPE_INPUT, 4050],
      [A.GEN_AI_TOKEN_TYPE_OUTPUT, 1500],
      [A.GEN_AI_TOKEN_TYPE_CACHE_READ, 4000],
      [A.GEN_AI_TOKEN_TYPE_CACHE_CREATION, 0],
      [A.GEN_AI_TOKEN_TYPE_REASONING, 1200],
    ],
    // claude-sonnet-4-0, the first-release alias of claude-sonnet-4: 50 fresh input at $3/M, 4000 cache reads
    // at $0.30/M, 1500 output (1200 of them thinking) at $15/M.
    cost: (50 * 3 + 4000 * 0.3 + 1500 * 15) / 1e6,
  },
  {
    fixture: 'message-tool-use',
    responseAttributes: {
      [A.ATTR_GEN_AI_RESPONSE_ID]: 'msg_01Aq9w938a90dw8q',
      [A.ATTR_GEN_AI_RESPONSE_MODEL]: 'claude-haiku-4-5-20251001',
      [A.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 384,
      [A.ATTR_ANTHROPIC_USAGE_CACHE_WRITE_INPUT_TOKENS]: 0,
      [A.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 0,
      [A.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 79,
      [A.ATTR_ANTHROPIC_MESSAGE_STOP_REASON]: 'tool_use',
      [A.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['tool_use'],
      [A.ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS]: 0,
    },
    tokens: [
      [A.GEN_AI_TOKEN_TYPE_INPUT, 384],
      [A.GEN_AI_TOKEN_TYPE_OUTPUT, 79],
      [A.GEN_AI_TOKEN_TYPE_CACHE_READ, 0],
      [A.GEN_AI_TOKEN_TYPE_CACHE_CREATION, 0],
    ],
    // claude-haiku-4-5: 384 input at $1/M, 79 output at $5/M.
    cost: (384 * 1 + 79 * 5) / 1e6,
  },
];

describe('instrumentAnthropic: messages.create', () => {
  it.each(cases)('$fixture: the app gets what the bare client gets; the SDK span gets cost, names and tagged metrics', async (item) => {
    const fixture = anthropicFixture(item.fixture);
    replay(harness.server, fixture);
    const { traced, bare } = clients(harness.server);
    const request = { ...fixture.request, messages: USER_MESSAGE };
    const expected = await bare.messages.create(request);
    const result = await inRequest(() => traced.messages.create(request));

    expect(result).toEqual(expected);
    expectTree(harness.telemetry.spans(), {
      name: 'handle request',
      children: [
        {
          name: A.ANTHROPIC_SPAN_MESSAGES_CREATE,
          kind: SpanKind.CLIENT,
          attributes: {
            ...sdkAttributes(harness.server, fixture.request),
            ...SEARCH_TAGS,
            ...item.responseAttributes,
            [A.ATTR_SIGHTLINE_COST_USD]: expect.closeTo(item.cost, 12),
          },
        },
      ],
    });
    const labels = callLabels(fixture.request.model, item.responseAttributes[A.ATTR_GEN_AI_RESPONSE_MODEL] as string);
    expect(await harness.telemetry.points(A.METRIC_SIGHTLINE_LLM_COST)).toEqual([
      { attributes: labels, value: expect.closeTo(item.cost, 12) },
    ]);
    const tokens = await harness.telemetry.points(A.METRIC_GEN_AI_CLIENT_TOKEN_USAGE);
    expect(tokenSums(tokens)).toEqual(item.tokens);
    expect(tokens[0]?.attributes).toEqual({ ...labels, [A.ATTR_GEN_AI_TOKEN_TYPE]: A.GEN_AI_TOKEN_TYPE_INPUT });
    const durations = await harness.telemetry.points(A.METRIC_GEN_AI_CLIENT_OPERATION_DURATION);
    expect(durations).toEqual([{ attributes: labels, value: expect.objectContaining({ count: 1 }) }]);
  });

  it('counts a model without a price as unpriced, never $0', async () => {
    const fixture = anthropicFixture('message-tool-use');
    const body = { ...(fixture.response as { body: Record<string, unknown> }).body, model: 'claude-imaginary-9' };
    replay(harness.server, { kind: 'json', body });
    const unpriced = { [A.ATTR_GEN_AI_REQUEST_MODEL]: 'claude-imaginary-9' };
    const before = readInternalCounter(A.METRIC_SIGHTLINE_COST_UNPRICED, unpriced);
    await clients(harness.server).traced.messages.create({ model: 'claude-imaginary-9', max_tokens: 64, messages: USER_MESSAGE });

    const [span] = harness.telemetry.spans();
    expect(span?.attributes[A.ATTR_GEN_AI_USAGE_INPUT_TOKENS]).toBe(384);
    expect(span?.attributes).not.toHaveProperty(A.ATTR_SIGHTLINE_COST_USD);
    expect(readInternalCounter(A.METRIC_SIGHTLINE_COST_UNPRICED, unpriced)).toBe(before + 1);
    expect(await harness.telemetry.points(A.METRIC_SIGHTLINE_LLM_COST)).toEqual([]);
  });

  it('registers once however often it is called, and leaves the SDK span alone once unregistered', async () => {
    const unregister = instrumentAnthropic(); // the harness registered it already: the same function
    expect(instrumentAnthropic()).toBe(unregister);
    replay(harness.server, anthropicFixture('message-tool-use'));
    const { traced } = clients(harness.server);
    await traced.messages.create({ model: 'claude-haiku-4-5', max_tokens: 64, messages: USER_MESSAGE });
    expect(await harness.telemetry.points(A.METRIC_SIGHTLINE_LLM_COST)).toEqual([
      { attributes: expect.any(Object), value: expect.any(Number) },
    ]);
    expect((await harness.telemetry.points(A.METRIC_SIGHTLINE_LLM_COST))[0]?.value).toBeCloseTo((384 + 79 * 5) / 1e6, 12);

    unregister();
    harness.telemetry.reset();
    await traced.messages.create({ model: 'claude-haiku-4-5', max_tokens: 64, messages: USER_MESSAGE });
    const [span] = harness.telemetry.spans();
    expect(span?.attributes[A.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]).toBe(79);
    expect(span?.attributes).not.toHaveProperty(A.ATTR_SIGHTLINE_COST_USD);
    // Registered afresh for the rest of the file.
    expect(instrumentAnthropic()).not.toBe(unregister);
  });
});
