// What the report and the evaluators get from AI SDK calls: a prompt fingerprint on each chat provider
// call, from the prompt the AI SDK records, and the call's question and answer for the evaluators.
import { semconv } from '@sightline/core';
import { evaluations, type EvaluationContext } from '@sightline/evaluation';
import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { instrumentAiSdk } from '../src/ai-sdk.js';
import { aiSdkEmitsSpans, inRequest, providers, routes, TELEMETRY } from './ai-sdk-replay.js';
import { recordingEvaluator, useReplayHarness } from './replay-harness.js';

const A = semconv;
const emits = await aiSdkEmitsSpans();
const harness = useReplayHarness(instrumentAiSdk);

function hashes(): unknown[] {
  return harness.telemetry
    .spans()
    .filter((span) => span.name === 'ai.generateText.doGenerate')
    .map((span) => span.attributes[A.ATTR_SIGHTLINE_PROMPT_HASH]);
}

describe.skipIf(!emits)('instrumentAiSdk: prompt fingerprints and evaluation', () => {
  it('gives the same prompt the same fingerprint, and another prompt or model another one', async () => {
    harness.server.respond(routes({ chat: 'openai-chat' }));
    const { openai } = providers(harness.server);
    const ask = (model: string, prompt: string, extra = {}) =>
      generateText({ model: openai.chat(model), prompt, maxRetries: 0, ...TELEMETRY, ...extra });
    await ask('o4-mini', 'Capital of France?');
    await ask('o4-mini', 'Capital of France?');
    await ask('o4-mini', 'Capital of Spain?');
    await ask('gpt-4o-mini', 'Capital of France?');
    await ask('o4-mini', 'Capital of France?', { maxOutputTokens: 100 });

    const [first, second, otherPrompt, otherModel, otherSettings] = hashes();
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).toBe(first);
    expect(new Set([first, otherPrompt, otherModel, otherSettings]).size).toBe(4);
  });

  it('has no fingerprint when the call records no inputs', async () => {
    harness.server.respond(routes({ chat: 'openai-chat' }));
    const { openai } = providers(harness.server);
    await generateText({
      model: openai.chat('o4-mini'),
      prompt: 'Capital of France?',
      maxRetries: 0,
      experimental_telemetry: { isEnabled: true, recordInputs: false },
    });
    expect(hashes()).toEqual([undefined]);
  });

  it('hands each chat call to the evaluators with its question, answer, model, provider and tags', async () => {
    const seen: EvaluationContext[] = [];
    await harness.restart({ evaluation: evaluations({ evaluators: [recordingEvaluator(seen)] }) });
    harness.server.respond(routes({ chat: 'openai-chat' }));
    const { openai } = providers(harness.server);
    await inRequest(() =>
      generateText({
        model: openai.chat('o4-mini'),
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello! How can I help?' },
          { role: 'user', content: 'Capital of France?' },
        ],
        maxRetries: 0,
        ...TELEMETRY,
      }),
    );
    await harness.telemetry.obs.forceFlush();

    const span = harness.telemetry.spans().find((candidate) => candidate.name === 'ai.generateText.doGenerate');
    expect(seen).toEqual([
      {
        question: 'Capital of France?',
        answer: 'The capital of France is Paris.',
        model: 'o4-mini-2025-04-16',
        provider: A.GEN_AI_PROVIDER_OPENAI,
        tags: expect.objectContaining({ team: 'search' }),
        traceId: span?.spanContext().traceId,
        responseId: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
        documents: [],
        failed: false,
      },
    ]);
    const results = harness.telemetry.logs().filter((record) => record.eventName === A.EVENT_GEN_AI_EVALUATION_RESULT);
    expect(results.map((record) => record.spanContext?.spanId)).toEqual([span?.spanContext().spanId]);
  });
});
