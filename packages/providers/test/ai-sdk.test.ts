// The Vercel AI SDK's generateText, streamText, generateObject, embed and a tool loop, end to end through
// @ai-sdk/openai and @ai-sdk/anthropic against responses recorded from the providers' documentation: the app
// gets exactly what it gets with telemetry off, and each provider call's ai.* span gets the model-call
// contract (semconv names, usage, cost, tagged metrics); the outer ai.* span is not a model call.
import { semconv } from '@sightline/core';
import { expectTree } from '@sightline/testing';
import { embed, generateObject, generateText, stepCountIs, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { instrumentAiSdk } from '../src/ai-sdk.js';
import {
  AI_SDK_7,
  aiSdkEmitsSpans,
  inRequest,
  providers,
  routes,
  SEARCH_TAGS,
  TELEMETRY,
  TELEMETRY_OFF,
  tokenSums,
} from './ai-sdk-replay.js';
import { useReplayHarness } from './replay-harness.js';

const A = semconv;
const emits = await aiSdkEmitsSpans();
const harness = useReplayHarness(instrumentAiSdk);

/** What Sightline adds to, or reads from, a provider-call span, besides the AI SDK's own attributes. */
function modelCall(provider: string, requestModel: string, responseModel: string, operation = A.GEN_AI_OPERATION_CHAT) {
  return {
    [A.ATTR_GEN_AI_OPERATION_NAME]: operation,
    [A.ATTR_GEN_AI_PROVIDER_NAME]: provider,
    [A.ATTR_GEN_AI_REQUEST_MODEL]: requestModel,
    ...(operation === A.GEN_AI_OPERATION_CHAT
      ? { [A.ATTR_GEN_AI_RESPONSE_MODEL]: responseModel, [A.ATTR_SIGHTLINE_PROMPT_HASH]: expect.stringMatching(/^[0-9a-f]{32}$/) }
      : {}),
    ...SEARCH_TAGS,
  };
}

function labels(provider: string, requestModel: string, responseModel?: string, operation = A.GEN_AI_OPERATION_CHAT) {
  return {
    [A.ATTR_GEN_AI_OPERATION_NAME]: operation,
    [A.ATTR_GEN_AI_PROVIDER_NAME]: provider,
    [A.ATTR_GEN_AI_REQUEST_MODEL]: requestModel,
    ...(responseModel === undefined ? {} : { [A.ATTR_GEN_AI_RESPONSE_MODEL]: responseModel }),
    ...SEARCH_TAGS,
  };
}

/** The outer span of an AI SDK call: not a model call, so none of the model-call names or a cost of its own. */
function expectNotAModelCall(attributes: Record<string, unknown>): void {
  expect(attributes).not.toHaveProperty(A.ATTR_GEN_AI_OPERATION_NAME);
  expect(attributes).not.toHaveProperty(A.ATTR_SIGHTLINE_COST_USD);
}

describe.skipIf(!emits)('instrumentAiSdk', () => {
  it('generateText: the provider call gets the OpenAI usage (cached, reasoning), cost and tagged metrics', async () => {
    harness.server.respond(routes({ chat: 'openai-chat' }));
    const { openai } = providers(harness.server);
    const call = { model: openai.chat('o4-mini'), prompt: 'Capital of France?', maxRetries: 0 };
    const bare = await generateText({ ...call, ...TELEMETRY_OFF });
    const result = await inRequest(() => generateText({ ...call, ...TELEMETRY }));

    expect(result.text).toBe(bare.text);
    expect(result.usage).toEqual(bare.usage);
    expect(result.response.id).toBe(bare.response.id);
    expect(result.finishReason).toBe(bare.finishReason);
    // o4-mini: 176 fresh input at $1.10/M, 1024 cached at $0.275/M, 300 output (192 reasoning) at $4.40/M.
    const cost = (176 * 1.1 + 1024 * 0.275 + 300 * 4.4) / 1e6;
    expectTree(harness.telemetry.spans(), {
      name: 'handle request',
      children: [
        {
          name: 'ai.generateText',
          children: [
            {
              name: 'ai.generateText.doGenerate',
              attributes: {
                // The AI SDK's own attributes ...
                'operation.name': 'ai.generateText.doGenerate',
                [A.ATTR_AI_OPERATION_ID]: 'ai.generateText.doGenerate',
                [A.ATTR_AI_MODEL_PROVIDER]: 'openai.chat',
                [A.ATTR_AI_MODEL_ID]: 'o4-mini',
                'ai.settings.maxRetries': 0,
                'ai.request.headers.user-agent': expect.stringMatching(/^ai\//),
                'ai.prompt.messages': JSON.stringify([{ role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] }]),
                ...(AI_SDK_7 ? { 'ai.prompt.toolChoice': JSON.stringify({ type: 'auto' }) } : {}),
                [A.ATTR_GEN_AI_SYSTEM]: 'openai.chat',
                [A.ATTR_AI_RESPONSE_FINISH_REASON]: 'stop',
                'ai.response.text': 'The capital of France is Paris.',
                [A.ATTR_AI_RESPONSE_ID]: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
                [A.ATTR_AI_RESPONSE_MODEL]: 'o4-mini-2025-04-16',
                'ai.response.timestamp': '2025-03-10T01:31:23.000Z',
                'ai.response.providerMetadata': JSON.stringify({ openai: { acceptedPredictionTokens: 0, rejectedPredictionTokens: 0 } }),
                [A.ATTR_AI_USAGE_INPUT_TOKENS]: 1200,
                'ai.usage.inputTokenDetails.noCacheTokens': 176,
                [A.ATTR_AI_USAGE_CACHE_READ_TOKENS]: 1024,
                [A.ATTR_AI_USAGE_OUTPUT_TOKENS]: 300,
                'ai.usage.outputTokenDetails.textTokens': 108,
                [A.ATTR_AI_USAGE_REASONING_TOKENS]: 192,
                'ai.usage.totalTokens': 1500,
                'ai.usage.reasoningTokens': 192,
                'ai.usage.cachedInputTokens': 1024,
                // ... the semconv ones it sets, the tags, and what Sightline adds.
                ...modelCall(A.GEN_AI_PROVIDER_OPENAI, 'o4-mini', 'o4-mini-2025-04-16'),
                [A.ATTR_GEN_AI_RESPONSE_ID]: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
                [A.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['stop'],
                [A.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 1200,
                [A.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 300,
                [A.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 1024,
                [A.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS]: 192,
                [A.ATTR_SIGHTLINE_COST_USD]: expect.closeTo(cost, 12),
              },
            },
          ],
        },
      ],
    });
    const outer = harness.telemetry.spans().find((span) => span.name === 'ai.generateText');
    expectNotAModelCall(outer?.attributes ?? {});
    const callLabels = labels(A.GEN_AI_PROVIDER_OPENAI, 'o4-mini', 'o4-mini-2025-04-16');
    expect(await harness.telemetry.points(A.METRIC_SIGHTLINE_LLM_COST)).toEqual([
      { attributes: callLabels, value: expect.closeTo(cost, 12) },
    ]);
    expect(tokenSums(await harness.telemetry.points(A.METRIC_GEN_AI_CLIENT_TOKEN_USAGE))).toEqual([
      [A.GEN_AI_TOKEN_TYPE_INPUT, 1200],
      [A.GEN_AI_TOKEN_TYPE_OUTPUT, 300],
      [A.GEN_AI_TOKEN_TYPE_CACHE_READ, 1024],
      [A.GEN_AI_TOKEN_TYPE_REASONING, 192],
    ]);
    expect(await harness.telemetry.points(A.METRIC_GEN_AI_CLIENT_OPERATION_DURATION)).toEqual([
      { attributes: callLabels, value: expect.objectContaining({ count: 1 }) },
    ]);
  });

  it('streamText through @ai-sdk/anthropic: the same chunks, the cache write, time to first chunk and its metric', async () => {
    harness.server.respond(routes({ messages: 'anthropic-stream' }));
    const { anthropic } = providers(harness.server);
    const call = { model: anthropic('claude-sonnet-4-5'), prompt: 'Hello', maxRetries: 0 };
    const read = async (options: Parameters<typeof streamText>[0]) => {
      const parts: unknown[] = [];
      for await (const part of streamText(options).fullStream) parts.push(part);
      return parts;
    };
    const bare = await read({ ...call, ...TELEMETRY_OFF });
    const parts = await inRequest(() => read({ ...call, ...TELEMETRY }));

    // Timings differ from run to run (the AI SDK's timestamps, ai 7's performance figures, the server's Date header, which
    // crosses a second between the two calls now and then); everything else is the same.
    const timings = new Set(['timestamp', 'performance', 'date']);
    const comparable = (list: unknown[]) => JSON.parse(JSON.stringify(list, (key, value) => (timings.has(key) ? undefined : value)));
    expect(comparable(parts)).toEqual(comparable(bare));
    // claude-sonnet-4-5: 25 fresh input at $3/M, 1800 cache writes at $3.75/M, 15 output at $15/M.
    const cost = (25 * 3 + 1800 * 3.75 + 15 * 15) / 1e6;
    const span = harness.telemetry.spans().find((candidate) => candidate.name === 'ai.streamText.doStream');
    expect(span?.attributes).toMatchObject({
      ...modelCall(A.GEN_AI_PROVIDER_ANTHROPIC, 'claude-sonnet-4-5', 'claude-sonnet-4-5-20250929'),
      [A.ATTR_GEN_AI_RESPONSE_ID]: 'msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY',
      [A.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 1825,
      [A.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 15,
      [A.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 0,
      [A.ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS]: 1800,
      [A.ATTR_SIGHTLINE_COST_USD]: expect.closeTo(cost, 12),
    });
    const firstChunk = span?.attributes[A.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] as number;
    expect(firstChunk).toBeCloseTo((span?.attributes[A.ATTR_AI_RESPONSE_MS_TO_FIRST_CHUNK] as number) / 1000, 9);
    const callLabels = labels(A.GEN_AI_PROVIDER_ANTHROPIC, 'claude-sonnet-4-5', 'claude-sonnet-4-5-20250929');
    expect(await harness.telemetry.points(A.METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK)).toEqual([
      { attributes: callLabels, value: expect.objectContaining({ count: 1, sum: expect.closeTo(firstChunk, 9) }) },
    ]);
    expect(await harness.telemetry.points(A.METRIC_SIGHTLINE_LLM_COST)).toEqual([
      { attributes: callLabels, value: expect.closeTo(cost, 12) },
    ]);
  });

  it('generateObject: the same object, and the usage from the totals its provider call names', async () => {
    harness.server.respond(routes({ chat: 'openai-chat-object' }));
    const { openai } = providers(harness.server);
    const call = {
      model: openai.chat('gpt-4o-mini'),
      schema: z.object({ city: z.string(), country: z.string() }),
      prompt: 'Where?',
      maxRetries: 0,
    };
    const bare = await generateObject({ ...call, ...TELEMETRY_OFF });
    const result = await inRequest(() => generateObject({ ...call, ...TELEMETRY }));

    expect(result.object).toEqual(bare.object);
    expect(result.object).toEqual({ city: 'Paris', country: 'France' });
    const span = harness.telemetry.spans().find((candidate) => candidate.name === 'ai.generateObject.doGenerate');
    // gpt-4o-mini: 81 input at $0.15/M, 12 output at $0.60/M.
    expect(span?.attributes).toMatchObject({
      ...modelCall(A.GEN_AI_PROVIDER_OPENAI, 'gpt-4o-mini', 'gpt-4o-mini-2024-07-18'),
      [A.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 81,
      [A.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 12,
      [A.ATTR_SIGHTLINE_COST_USD]: expect.closeTo((81 * 0.15 + 12 * 0.6) / 1e6, 12),
    });
    expectNotAModelCall(harness.telemetry.spans().find((candidate) => candidate.name === 'ai.generateObject')?.attributes ?? {});
  });

  it('embed: the same vector; the doEmbed span is an embeddings call with input tokens only', async () => {
    harness.server.respond(routes({ embeddings: 'openai-embeddings' }));
    const { openai } = providers(harness.server);
    const call = { model: openai.embedding('text-embedding-3-small'), value: 'sunny day at the beach', maxRetries: 0 };
    const bare = await embed({ ...call, ...TELEMETRY_OFF });
    const result = await inRequest(() => embed({ ...call, ...TELEMETRY }));

    expect(result.embedding).toEqual(bare.embedding);
    const span = harness.telemetry.spans().find((candidate) => candidate.name === 'ai.embed.doEmbed');
    expect(span?.attributes).toMatchObject({
      ...modelCall(A.GEN_AI_PROVIDER_OPENAI, 'text-embedding-3-small', '', A.GEN_AI_OPERATION_EMBEDDINGS),
      [A.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 8,
      // text-embedding-3-small: 8 tokens at $0.02/M.
      [A.ATTR_SIGHTLINE_COST_USD]: expect.closeTo((8 * 0.02) / 1e6, 15),
    });
    expect(span?.attributes).not.toHaveProperty(A.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS);
    expectNotAModelCall(harness.telemetry.spans().find((candidate) => candidate.name === 'ai.embed')?.attributes ?? {});
    expect(tokenSums(await harness.telemetry.points(A.METRIC_GEN_AI_CLIENT_TOKEN_USAGE))).toEqual([[A.GEN_AI_TOKEN_TYPE_INPUT, 8]]);
  });

  it('a tool loop: two provider calls, each counted once, and the tool span named as execute_tool', async () => {
    harness.server.respond(
      routes({
        chat: (request) =>
          (request.body as { messages: { role: string }[] }).messages.some((m) => m.role === 'tool')
            ? 'openai-tool-answer'
            : 'openai-tool-call',
      }),
    );
    const { openai } = providers(harness.server);
    const getWeather = tool({
      description: 'The weather in a city',
      inputSchema: z.object({ location: z.string() }),
      execute: async ({ location }) => `sunny in ${location}`,
    });
    const call = {
      model: openai.chat('gpt-4o-mini'),
      prompt: 'Weather in Paris?',
      tools: { get_weather: getWeather },
      stopWhen: stepCountIs(2),
      maxRetries: 0,
    };
    const bare = await generateText({ ...call, ...TELEMETRY_OFF });
    const result = await inRequest(() => generateText({ ...call, ...TELEMETRY }));

    expect(result.text).toBe(bare.text);
    expect(result.steps.map((step) => step.toolResults)).toEqual(bare.steps.map((step) => step.toolResults));
    const step1 = (82 * 0.15 + 17 * 0.6) / 1e6;
    const step2 = (120 * 0.15 + 9 * 0.6) / 1e6;
    const costOf = (spanCost: number) => ({ [A.ATTR_SIGHTLINE_COST_USD]: expect.closeTo(spanCost, 12) });
    const toolCall = {
      name: 'ai.toolCall',
      attributesContaining: {
        [A.ATTR_GEN_AI_OPERATION_NAME]: A.GEN_AI_OPERATION_EXECUTE_TOOL,
        [A.ATTR_GEN_AI_TOOL_NAME]: 'get_weather',
        [A.ATTR_GEN_AI_TOOL_CALL_ID]: 'call_abc123',
        ...SEARCH_TAGS,
      },
    };
    const firstStep = {
      name: 'ai.generateText.doGenerate',
      attributesContaining: { [A.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['tool-calls'], ...costOf(step1) },
    };
    const secondStep = {
      name: 'ai.generateText.doGenerate',
      attributesContaining: { [A.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['stop'], ...costOf(step2) },
    };
    // ai 6 runs the tool beside the provider call that asked for it, ai 7 below it.
    const steps = AI_SDK_7 ? [{ ...firstStep, children: [toolCall] }, secondStep] : [firstStep, toolCall, secondStep];
    expectTree(harness.telemetry.spans(), { name: 'handle request', children: [{ name: 'ai.generateText', children: steps }] });
    const [cost] = await harness.telemetry.points(A.METRIC_SIGHTLINE_LLM_COST);
    expect(cost?.value).toBeCloseTo(step1 + step2, 12);
    expect(
      (await harness.telemetry.points(A.METRIC_GEN_AI_CLIENT_OPERATION_DURATION)).map((point) => (point.value as { count: number }).count),
    ).toEqual([2]);
    expect(
      harness.telemetry.spans().find((span) => span.name === 'handle request')?.attributes[A.ATTR_SIGHTLINE_REQUEST_COST_USD],
    ).toBeCloseTo(step1 + step2, 12);
  });
});
