// When Sightline's own code fails while it completes a foreign span, the app's call is untouched: it gets
// the same result, the library ends its span, and the failure is warned about once through diag.
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { semconv } from '@sightline/core';
import { generateText } from 'ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { instrumentAiSdk } from '../src/ai-sdk.js';
import { instrumentAnthropic } from '../src/anthropic.js';
import { aiSdkEmitsSpans, providers, routes, TELEMETRY, TELEMETRY_OFF } from './ai-sdk-replay.js';
import { anthropicFixture, clients, replay, USER_MESSAGE } from './anthropic-replay.js';
import { useReplayHarness } from './replay-harness.js';

vi.mock('@sightline/core/instrumentation', async (original) => ({
  ...(await original<typeof import('@sightline/core/instrumentation')>()),
  finishModelCallFromSpan: () => {
    throw new Error('Sightline failed');
  },
}));

const emits = await aiSdkEmitsSpans();
const harness = useReplayHarness(instrumentAnthropic, instrumentAiSdk);
const warnings: string[] = [];
const logger: DiagLogger = {
  error: () => {},
  warn: (...args) => warnings.push(args.map(String).join(' ')),
  info: () => {},
  debug: () => {},
  verbose: () => {},
};
afterEach(() => {
  diag.disable();
  warnings.length = 0;
});

describe('when completing a foreign span fails', () => {
  it('Anthropic: the app gets the same message, the span still ends, one warning', async () => {
    diag.setLogger(logger, DiagLogLevel.WARN);
    replay(harness.server, anthropicFixture('message-tool-use'));
    const { traced, bare } = clients(harness.server);
    const request = { model: 'claude-haiku-4-5', max_tokens: 64, messages: USER_MESSAGE };
    const expected = await bare.messages.create(request);
    expect(await traced.messages.create(request)).toEqual(expected);
    expect(await traced.messages.create(request)).toEqual(expected);

    const spans = harness.telemetry.spans();
    expect(spans.map((span) => span.name)).toEqual([semconv.ANTHROPIC_SPAN_MESSAGES_CREATE, semconv.ANTHROPIC_SPAN_MESSAGES_CREATE]);
    expect(spans[0]?.attributes).not.toHaveProperty(semconv.ATTR_SIGHTLINE_COST_USD);
    expect(warnings.filter((message) => message.includes('span hook threw'))).toHaveLength(1);
  });

  it.skipIf(!emits)('AI SDK: the app gets the same text, the spans still end', async () => {
    harness.server.respond(routes({ chat: 'openai-chat' }));
    const { openai } = providers(harness.server);
    const call = { model: openai.chat('o4-mini'), prompt: 'Capital of France?', maxRetries: 0 };
    const expected = await generateText({ ...call, ...TELEMETRY_OFF });
    const result = await generateText({ ...call, ...TELEMETRY });

    expect(result.text).toBe(expected.text);
    expect(harness.telemetry.spans().map((span) => span.name)).toEqual(['ai.generateText.doGenerate', 'ai.generateText']);
  });
});

describe('with no Sightline SDK registered', () => {
  it('leaves both libraries working and records nothing', async () => {
    await harness.telemetry.shutdown();
    replay(harness.server, anthropicFixture('message-tool-use'));
    const message = await clients(harness.server).traced.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 64,
      messages: USER_MESSAGE,
    });
    expect(message.id).toBe('msg_01Aq9w938a90dw8q');
    harness.server.respond(routes({ chat: 'openai-chat' }));
    const { text } = await generateText({
      model: providers(harness.server).openai.chat('o4-mini'),
      prompt: 'hi',
      maxRetries: 0,
      ...TELEMETRY,
    });
    expect(text).toBe('The capital of France is Paris.');
    expect(harness.telemetry.spans()).toEqual([]);
  });
});
