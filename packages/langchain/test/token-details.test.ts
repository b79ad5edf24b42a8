// Cached and reasoning tokens are metrics too, not only span attributes: each is a
// `gen_ai.token.type` of its own on gen_ai.client.token.usage, so that the `input` and
// `output` series keep summing to the call's input and output tokens.
import { AIMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { semconv, withTags } from '@sightline/core';
import { SightlineCallbackHandler } from '@sightline/langchain';
import { describe, expect, it } from 'vitest';
import { useAgentTelemetry } from './helpers.js';

const telemetry = useAgentTelemetry();

const CALL = {
  [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_CHAT,
  [semconv.ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
  [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-4o-mini',
  project: 'untagged',
  team: 'search',
  cost_center: 'untagged',
  feature: 'untagged',
  environment: 'untagged',
};

async function tokenSums(): Promise<Record<string, { attributes: unknown; sum: number; count: number }>> {
  const points = await telemetry().points(semconv.METRIC_GEN_AI_CLIENT_TOKEN_USAGE);
  return Object.fromEntries(
    points.map(({ attributes, value }) => {
      const { sum, count } = value as { sum: number; count: number };
      return [String(attributes[semconv.ATTR_GEN_AI_TOKEN_TYPE]), { attributes, sum, count }];
    }),
  );
}

const point = (type: string, sum: number) => ({ attributes: { ...CALL, [semconv.ATTR_GEN_AI_TOKEN_TYPE]: type }, sum, count: 1 });

describe('token details on gen_ai.client.token.usage', () => {
  it('records cache reads, cache writes and reasoning tokens, each as its own token type', async () => {
    const message = new AIMessage({
      content: 'done',
      usage_metadata: {
        input_tokens: 1000,
        output_tokens: 300,
        total_tokens: 1300,
        input_token_details: { cache_read: 600, cache_creation: 100 },
        output_token_details: { reasoning: 120 },
      },
    });
    const handler = new SightlineCallbackHandler();
    await withTags({ team: 'search' }, () =>
      fakeModel()
        .respond(message)
        .invoke('hi', { callbacks: [handler] }),
    );
    expect(await tokenSums()).toEqual({
      [semconv.GEN_AI_TOKEN_TYPE_INPUT]: point(semconv.GEN_AI_TOKEN_TYPE_INPUT, 1000),
      [semconv.GEN_AI_TOKEN_TYPE_OUTPUT]: point(semconv.GEN_AI_TOKEN_TYPE_OUTPUT, 300),
      [semconv.GEN_AI_TOKEN_TYPE_CACHE_READ]: point(semconv.GEN_AI_TOKEN_TYPE_CACHE_READ, 600),
      [semconv.GEN_AI_TOKEN_TYPE_CACHE_CREATION]: point(semconv.GEN_AI_TOKEN_TYPE_CACHE_CREATION, 100),
      [semconv.GEN_AI_TOKEN_TYPE_REASONING]: point(semconv.GEN_AI_TOKEN_TYPE_REASONING, 120),
    });
    // The span keeps its attributes: metric and span agree.
    const span = telemetry()
      .spans()
      .find((one) => one.attributes[semconv.ATTR_GEN_AI_OPERATION_NAME] === semconv.GEN_AI_OPERATION_CHAT);
    expect(span?.attributes[semconv.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]).toBe(600);
    expect(span?.attributes[semconv.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS]).toBe(120);
  });

  it('records no detail the provider did not report', async () => {
    const message = new AIMessage({ content: 'done', usage_metadata: { input_tokens: 10, output_tokens: 2, total_tokens: 12 } });
    await withTags({ team: 'search' }, () =>
      fakeModel()
        .respond(message)
        .invoke('hi', { callbacks: [new SightlineCallbackHandler()] }),
    );
    expect(Object.keys(await tokenSums()).sort()).toEqual([semconv.GEN_AI_TOKEN_TYPE_INPUT, semconv.GEN_AI_TOKEN_TYPE_OUTPUT]);
  });
});
