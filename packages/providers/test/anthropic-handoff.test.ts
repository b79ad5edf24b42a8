// In the SDK's content mode, which puts the prompt and the answer on its span, Anthropic calls get a
// prompt fingerprint for the report and are handed to the evaluators; without it they get neither.
import Anthropic from '@anthropic-ai/sdk';
import { semconv } from '@sightline/core';
import { evaluations, type EvaluationContext } from '@sightline/evaluation';
import { describe, expect, it } from 'vitest';
import { instrumentAnthropic } from '../src/anthropic.js';
import { anthropicFixture, clients, inRequest, replay } from './anthropic-replay.js';
import { recordingEvaluator, useReplayHarness } from './replay-harness.js';

const A = semconv;
const harness = useReplayHarness(instrumentAnthropic);
const contentClient = () =>
  new Anthropic({ apiKey: 'test-key', baseURL: harness.server.url, maxRetries: 0, openTelemetry: { traces: { contentMode: 'content' } } });
const ask = (client: Anthropic, question: string, model = 'claude-haiku-4-5') =>
  client.messages.create({ model, max_tokens: 64, system: 'You are terse.', messages: [{ role: 'user', content: question }] });
const hashes = () => harness.telemetry.spans().map((span) => span.attributes[A.ATTR_SIGHTLINE_PROMPT_HASH]);

describe('instrumentAnthropic: the SDK’s content mode', () => {
  it('fingerprints the prompt: the same prompt alike, another prompt or model not', async () => {
    replay(harness.server, anthropicFixture('message-tool-use'));
    const client = contentClient();
    await ask(client, 'Weather in San Francisco?');
    await ask(client, 'Weather in San Francisco?');
    await ask(client, 'Weather in Paris?');
    await ask(client, 'Weather in San Francisco?', 'claude-sonnet-4-5');

    const [first, second, otherPrompt, otherModel] = hashes();
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).toBe(first);
    expect(new Set([first, otherPrompt, otherModel]).size).toBe(3);
  });

  it('has no fingerprint in the default, metadata-only mode', async () => {
    replay(harness.server, anthropicFixture('message-tool-use'));
    await ask(clients(harness.server).traced, 'Weather in San Francisco?');
    expect(hashes()).toEqual([undefined]);
  });

  it('hands the call to the evaluators with its question, answer, model, provider and tags', async () => {
    const seen: EvaluationContext[] = [];
    await harness.restart({ evaluation: evaluations({ evaluators: [recordingEvaluator(seen)] }) });
    replay(harness.server, anthropicFixture('message-tool-use'));
    await inRequest(() => ask(contentClient(), 'Weather in San Francisco?'));
    await harness.telemetry.obs.forceFlush();

    const span = harness.telemetry.spans().find((candidate) => candidate.name === A.ANTHROPIC_SPAN_MESSAGES_CREATE);
    expect(seen).toEqual([
      {
        question: 'Weather in San Francisco?',
        answer: "I'll check the current weather in San Francisco for you.",
        model: 'claude-haiku-4-5-20251001',
        provider: A.GEN_AI_PROVIDER_ANTHROPIC,
        tags: expect.objectContaining({ team: 'search' }),
        traceId: span?.spanContext().traceId,
        responseId: 'msg_01Aq9w938a90dw8q',
        documents: [],
        failed: false,
      },
    ]);
  });
});
