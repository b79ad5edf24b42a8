// Model calls nested in AI SDK calls: a tool that calls the Anthropic SDK is the tool's model call, while the
// provider calls of the tool loop stay model calls of their own; each call is counted once.
import Anthropic from '@anthropic-ai/sdk';
import { semconv } from '@sightline/core';
import { findSpan } from '@sightline/testing';
import { generateText, stepCountIs, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { instrumentAiSdk } from '../src/ai-sdk.js';
import { instrumentAnthropic } from '../src/anthropic.js';
import { aiSdkEmitsSpans, aiSdkFixture, inRequest, providers, TELEMETRY } from './ai-sdk-replay.js';
import { anthropicFixture, USER_MESSAGE } from './anthropic-replay.js';
import { useReplayHarness } from './replay-harness.js';

const A = semconv;
const emits = await aiSdkEmitsSpans();
const harness = useReplayHarness(instrumentAiSdk, instrumentAnthropic);

describe.skipIf(!emits)('instrumentAiSdk: a model call inside a tool', () => {
  it('counts the tool’s Anthropic call and both provider calls of the loop, each once', async () => {
    harness.server.respond((request) => {
      if (request.path === '/v1/messages') return anthropicFixture('message-tool-use').response;
      const messages = (request.body as { messages: { role: string }[] }).messages;
      return aiSdkFixture(messages.some((message) => message.role === 'tool') ? 'openai-tool-answer' : 'openai-tool-call');
    });
    const claude = new Anthropic({ apiKey: 'test-key', baseURL: harness.server.url, maxRetries: 0 });
    const getWeather = tool({
      description: 'The weather in a city, as another model puts it',
      inputSchema: z.object({ location: z.string() }),
      execute: async () => {
        const message = await claude.messages.create({ model: 'claude-haiku-4-5', max_tokens: 64, messages: USER_MESSAGE });
        return message.content[0]?.type === 'text' ? message.content[0].text : '';
      },
    });
    const { openai } = providers(harness.server);
    await inRequest(() =>
      generateText({
        model: openai.chat('gpt-4o-mini'),
        prompt: 'Weather in Paris?',
        tools: { get_weather: getWeather },
        stopWhen: stepCountIs(2),
        maxRetries: 0,
        ...TELEMETRY,
      }),
    );

    const spans = harness.telemetry.spans();
    const toolSpan = findSpan(spans, 'ai.toolCall');
    const anthropicSpan = findSpan(spans, A.ANTHROPIC_SPAN_MESSAGES_CREATE);
    expect(anthropicSpan.parentSpanContext?.spanId).toBe(toolSpan.spanContext().spanId);
    const costs = spans.filter((span) => span.attributes[A.ATTR_SIGHTLINE_COST_USD] !== undefined).map((span) => span.name);
    expect(costs.sort()).toEqual([A.ANTHROPIC_SPAN_MESSAGES_CREATE, 'ai.generateText.doGenerate', 'ai.generateText.doGenerate'].sort());
    // gpt-4o-mini: (82 + 120) input at $0.15/M, (17 + 9) output at $0.60/M; claude-haiku-4-5: 384 at $1/M, 79 at $5/M.
    const total = ((82 + 120) * 0.15 + (17 + 9) * 0.6 + 384 * 1 + 79 * 5) / 1e6;
    const recorded = (await harness.telemetry.points(A.METRIC_SIGHTLINE_LLM_COST)).reduce((sum, point) => sum + (point.value as number), 0);
    expect(recorded).toBeCloseTo(total, 12);
    expect(findSpan(spans, 'handle request').attributes[A.ATTR_SIGHTLINE_REQUEST_COST_USD]).toBeCloseTo(total, 12);
  });
});
