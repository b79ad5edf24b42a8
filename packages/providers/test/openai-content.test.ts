// Content capture (off by default, redacted when on) and budgets on direct openai calls.
import { semconv, withTags, type SightlineAlert } from '@sightline/core';
import { instrumentOpenAI } from '@sightline/providers/openai';
import { setupTestTelemetry, startReplayServer, type ReplayServer } from '@sightline/testing';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, routes, sse } from './support/openai-replay.js';

let telemetry: ReturnType<typeof setupTestTelemetry> | undefined;
let server: ReplayServer;

beforeEach(async () => {
  server = await startReplayServer(
    routes({ chat: (request) => ((request.body as { stream?: boolean }).stream ? sse('chat-stream', request) : json('chat-completion')) }),
  );
});
afterEach(async () => {
  await telemetry?.shutdown();
  await server.close();
});

const client = (options: Parameters<typeof instrumentOpenAI>[1] = {}) =>
  instrumentOpenAI(new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'sk-test', maxRetries: 0 }), options);
const messages = [
  { role: 'system' as const, content: 'Be brief.' },
  { role: 'user' as const, content: 'Capital of France? Mail me at jane@example.com' },
];

describe('instrumentOpenAI: content capture', () => {
  it('records no prompt or answer by default', async () => {
    telemetry = setupTestTelemetry();
    await client().chat.completions.create({ model: 'o4-mini', messages });
    const [span] = telemetry.spans();
    expect(span?.attributes[semconv.ATTR_GEN_AI_INPUT_MESSAGES]).toBeUndefined();
    expect(span?.attributes[semconv.ATTR_GEN_AI_OUTPUT_MESSAGES]).toBeUndefined();
  });

  it('records the messages and the answer, through the redactor, when captureContent is on', async () => {
    telemetry = setupTestTelemetry({ captureContent: true });
    const redactContent = (text: string) => text.replace(/\S+@\S+/g, '[email]');
    await client({ redactContent }).chat.completions.create({ model: 'o4-mini', messages });
    const [span] = telemetry.spans();
    expect(JSON.parse(String(span?.attributes[semconv.ATTR_GEN_AI_INPUT_MESSAGES]))).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'Be brief.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'Capital of France? Mail me at [email]' }] },
    ]);
    expect(JSON.parse(String(span?.attributes[semconv.ATTR_GEN_AI_OUTPUT_MESSAGES]))).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'The capital of France is Paris.' }], finish_reason: 'stop' },
    ]);
  });

  it('assembles a streamed answer from its chunks', async () => {
    telemetry = setupTestTelemetry({ captureContent: true });
    const stream = await client().chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
    for await (const _chunk of stream);
    const [span] = telemetry.spans();
    expect(JSON.parse(String(span?.attributes[semconv.ATTR_GEN_AI_OUTPUT_MESSAGES]))).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'Hello there' }], finish_reason: 'stop' },
    ]);
  });
});

describe('instrumentOpenAI: budgets', () => {
  it('counts a direct call against the team budget and alerts when it is spent', async () => {
    const alerts: SightlineAlert[] = [];
    telemetry = setupTestTelemetry({
      budgets: [{ match: { team: 'search' }, usd: 0.003, window: '1h' }],
      onAlert: (alert) => alerts.push(alert),
    });
    // 1.7952e-3 USD per call: the second call passes the budget.
    await withTags({ team: 'search' }, async () => {
      await client().chat.completions.create({ model: 'o4-mini', messages });
      await client().chat.completions.create({ model: 'o4-mini', messages });
    });
    const budgetAlerts = alerts.filter((alert) => alert.kind === 'budget');
    expect(budgetAlerts.map((alert) => alert.threshold)).toEqual([0.8, 1]);
    expect(budgetAlerts.at(-1)?.spentUsd).toBeCloseTo(2 * 0.0017952, 12);
  });
});
