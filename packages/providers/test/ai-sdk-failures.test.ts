// Failures and double counting: the provider's errors reach the app exactly as with telemetry off and are
// recorded on the provider-call span and the duration metric; a stream cut mid-way or aborted ends as the app
// sees it; a provider call that another instrumentation records below it is counted there, once.
import Anthropic from '@anthropic-ai/sdk';
import { semconv } from '@sightline/core';
import { expectTree, renderTree } from '@sightline/testing';
import { generateText, streamText, type LanguageModel } from 'ai';
import { describe, expect, it } from 'vitest';
import { instrumentAiSdk } from '../src/ai-sdk.js';
import { instrumentAnthropic } from '../src/anthropic.js';
import { anthropicFixture, replay as replayAnthropic, USER_MESSAGE } from './anthropic-replay.js';
import {
  AI_SDK_7,
  aiSdkEmitsSpans,
  aiSdkFixture,
  inRequest,
  providers,
  routes,
  SEARCH_TAGS,
  TELEMETRY,
  TELEMETRY_OFF,
} from './ai-sdk-replay.js';
import { useReplayHarness } from './replay-harness.js';

const A = semconv;
const emits = await aiSdkEmitsSpans();
const harness = useReplayHarness(instrumentAiSdk, instrumentAnthropic);

/** What the app can see of an AI SDK error. */
function visible(error: unknown) {
  const fields = error as {
    name: string;
    message: string;
    statusCode?: number;
    isRetryable?: boolean;
    responseHeaders?: Record<string, string>;
  };
  return {
    name: fields.name,
    message: fields.message,
    statusCode: fields.statusCode,
    isRetryable: fields.isRetryable,
    retryAfter: fields.responseHeaders?.['retry-after'],
  };
}

const CHAT_CALL = {
  [A.ATTR_GEN_AI_OPERATION_NAME]: A.GEN_AI_OPERATION_CHAT,
  [A.ATTR_GEN_AI_PROVIDER_NAME]: A.GEN_AI_PROVIDER_OPENAI,
  [A.ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-4o-mini',
};

function providerSpan(name: string) {
  const spans = harness.telemetry.spans().filter((span) => span.name === name);
  expect(spans, renderTree(harness.telemetry.spans())).toHaveLength(1);
  return spans[0] as (typeof spans)[number];
}

async function durationErrorTypes(): Promise<unknown[]> {
  return (await harness.telemetry.points(A.METRIC_GEN_AI_CLIENT_OPERATION_DURATION)).map((point) => point.attributes[A.ATTR_ERROR_TYPE]);
}

describe.skipIf(!emits)('instrumentAiSdk: provider errors', () => {
  it.each([
    ['openai-rate-limited', 429],
    ['openai-server-error', 500],
  ])('%s: the app gets the same error; the provider call gets error.type, the duration metric too', async (fixture, status) => {
    harness.server.respond(routes({ chat: fixture }));
    const { openai } = providers(harness.server);
    const call = { model: openai.chat('gpt-4o-mini'), prompt: 'hi', maxRetries: 0 };
    const expected = await generateText({ ...call, ...TELEMETRY_OFF }).catch((error: unknown) => error);
    const error = await inRequest(() => generateText({ ...call, ...TELEMETRY })).catch((problem: unknown) => problem);

    expect(visible(error)).toEqual(visible(expected));
    expect(visible(error).statusCode).toBe(status);
    if (status === 429) expect(visible(error).retryAfter).toBe('20');
    const span = providerSpan('ai.generateText.doGenerate');
    expect(span.status.code).toBe(2);
    expect(span.attributes).toMatchObject({ ...CHAT_CALL, ...SEARCH_TAGS, [A.ATTR_ERROR_TYPE]: 'AI_APICallError' });
    expect(span.attributes).not.toHaveProperty(A.ATTR_SIGHTLINE_USAGE_MISSING);
    expect(await durationErrorTypes()).toEqual(['AI_APICallError']);
    expect(await harness.telemetry.points(A.METRIC_SIGHTLINE_LLM_COST)).toEqual([]);
  });

  it('an abort: the app gets the AbortError, the provider call records it', async () => {
    harness.server.respond(() => ({ kind: 'hang' }));
    const { openai } = providers(harness.server);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const call = { model: openai.chat('gpt-4o-mini'), prompt: 'hi', maxRetries: 0, abortSignal: controller.signal, ...TELEMETRY };
    const error = await generateText(call).catch((problem: unknown) => problem);

    expect((error as Error).name).toBe('AbortError');
    expect(providerSpan('ai.generateText.doGenerate').attributes[A.ATTR_ERROR_TYPE]).toBe('AbortError');
    expect(await durationErrorTypes()).toEqual(['AbortError']);
  });

  it('a mid-stream disconnect: the app sees the same parts and error; ai 7 records it on the provider call, ai 6 never ends that span', async () => {
    const cut = { ...(aiSdkFixture('openai-chat-stream') as Extract<ReturnType<typeof aiSdkFixture>, { kind: 'sse' }>), cutAfter: 2 };
    harness.server.respond((request) => (request.path === '/v1/chat/completions' ? cut : undefined));
    const { openai } = providers(harness.server);
    const read = async (telemetryOn: boolean) => {
      const parts: unknown[] = [];
      const call = {
        model: openai.chat('gpt-4o-mini'),
        prompt: 'hi',
        maxRetries: 0,
        onError: () => {},
        ...(telemetryOn ? TELEMETRY : TELEMETRY_OFF),
      };
      const error = await (async () => {
        for await (const part of streamText(call).fullStream) parts.push(part);
      })().catch((problem: unknown) => problem);
      return { parts: JSON.parse(JSON.stringify(parts).replace(/"timestamp":"[^"]*"/g, '"timestamp":""')), error: visible(error) };
    };
    const expected = await read(false);
    const received = await read(true);

    expect(received).toEqual(expected);
    expect(received.error.name).toBe('AI_APICallError');
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (AI_SDK_7) {
      expect(providerSpan('ai.streamText.doStream').attributes[A.ATTR_ERROR_TYPE]).toBe('AI_APICallError');
      expect(await durationErrorTypes()).toEqual(['AI_APICallError']);
      return;
    }
    // ai 6 ends its doStream and streamText spans only at the stream's finish, which a cut stream never reaches.
    expect(harness.telemetry.spans().map((span) => span.name)).toEqual([]);
    expect(await durationErrorTypes()).toEqual([]);
  });
});

/** An AI SDK model whose calls go through the Anthropic SDK, whose own span (completed by Sightline) counts them. */
function anthropicSdkModel(client: Anthropic): LanguageModel {
  const model = {
    specificationVersion: 'v3',
    provider: 'anthropic-sdk.messages',
    modelId: 'claude-haiku-4-5',
    supportedUrls: {},
    async doGenerate() {
      const message = await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 64, messages: USER_MESSAGE });
      const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
      const input = message.usage.input_tokens;
      return {
        content: [{ type: 'text', text }],
        finishReason: { unified: 'stop', raw: message.stop_reason ?? undefined },
        usage: {
          inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: message.usage.output_tokens, text: message.usage.output_tokens, reasoning: undefined },
        },
        response: { id: message.id, modelId: message.model },
        warnings: [],
      };
    },
    async doStream() {
      throw new Error('not streamed here');
    },
  };
  return model as unknown as LanguageModel;
}

describe.skipIf(!emits)('instrumentAiSdk: no double counting', () => {
  it('leaves a provider call to the model span below it: one cost, one duration, on the Anthropic SDK span', async () => {
    replayAnthropic(harness.server, anthropicFixture('message-tool-use'));
    const client = new Anthropic({ apiKey: 'test-key', baseURL: harness.server.url, maxRetries: 0 });
    const result = await inRequest(() => generateText({ model: anthropicSdkModel(client), prompt: 'hi', maxRetries: 0, ...TELEMETRY }));

    expect(result.text).toBe("I'll check the current weather in San Francisco for you.");
    // claude-haiku-4-5: 384 input at $1/M, 79 output at $5/M, counted once.
    const cost = (384 * 1 + 79 * 5) / 1e6;
    expectTree(harness.telemetry.spans(), {
      name: 'handle request',
      children: [
        {
          name: 'ai.generateText',
          children: [
            {
              name: 'ai.generateText.doGenerate',
              children: [
                { name: A.ANTHROPIC_SPAN_MESSAGES_CREATE, attributesContaining: { [A.ATTR_SIGHTLINE_COST_USD]: expect.closeTo(cost, 12) } },
              ],
            },
          ],
        },
      ],
    });
    const provider = providerSpan('ai.generateText.doGenerate');
    expect(provider.attributes).not.toHaveProperty(A.ATTR_GEN_AI_OPERATION_NAME);
    expect(provider.attributes).not.toHaveProperty(A.ATTR_SIGHTLINE_COST_USD);
    expect(await harness.telemetry.points(A.METRIC_SIGHTLINE_LLM_COST)).toEqual([
      {
        attributes: expect.objectContaining({ [A.ATTR_GEN_AI_PROVIDER_NAME]: A.GEN_AI_PROVIDER_ANTHROPIC }),
        value: expect.closeTo(cost, 12),
      },
    ]);
    const durations = await harness.telemetry.points(A.METRIC_GEN_AI_CLIENT_OPERATION_DURATION);
    expect(durations.map((point) => (point.value as { count: number }).count)).toEqual([1]);
    expect(providerSpan('handle request').attributes[A.ATTR_SIGHTLINE_REQUEST_COST_USD]).toBeCloseTo(cost, 12);
  });
});
