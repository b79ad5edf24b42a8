// Streamed openai calls: the app reads exactly the chunks a bare client reads, and the span ends
// with the stream, however the stream ends (read through, left early, cut off, aborted).
import { semconv } from '@sightline/core';
import {} from '@sightline/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { useReplayHarness } from './replay-harness.js';
import { openaiClients, routes, sse } from './support/openai-replay.js';

const harness = useReplayHarness();
beforeEach(() =>
  harness.server.respond(
    routes({ chat: (request) => sse('chat-stream', request), responses: (request) => sse('responses-stream', request) }),
  ),
);

const chatRequest = (includeUsage: boolean) => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'Say hello' }],
  stream: true as const,
  ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
});

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

const onlySpan = () => {
  const spans = harness.telemetry.spans();
  expect(spans).toHaveLength(1);
  return spans[0]!;
};

describe('instrumentOpenAI: streams', () => {
  it('passes every chat chunk through and records usage from the include_usage chunk, with time to first chunk', async () => {
    const { bare, instrumented } = openaiClients(harness.server);
    const expected = await collect(await bare.chat.completions.create(chatRequest(true)));
    const chunks = await collect(await instrumented.chat.completions.create(chatRequest(true)));
    expect(chunks).toEqual(expected);
    const span = onlySpan();
    expect(span.name).toBe('chat gpt-4o-mini');
    expect(span.attributes).toMatchObject({
      [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: 'gpt-4o-mini-2024-07-18',
      [semconv.ATTR_GEN_AI_RESPONSE_ID]: 'chatcmpl-123',
      [semconv.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['stop'],
      [semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 9,
      [semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 2,
      [semconv.ATTR_SIGHTLINE_COST_USD]: expect.closeTo((9 * 0.15 + 2 * 0.6) / 1e6, 15),
      [semconv.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK]: expect.any(Number),
    });
    const firstChunk = await harness.telemetry.points(semconv.METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK);
    expect(firstChunk).toHaveLength(1);
  });

  it('marks usage missing, and counts it, when the stream did not ask for usage (Sightline never adds include_usage)', async () => {
    const { instrumented } = openaiClients(harness.server);
    const chunks = await collect(await instrumented.chat.completions.create(chatRequest(false)));
    expect(chunks.every((chunk) => !('usage' in chunk))).toBe(true);
    expect(harness.server.requests.at(-1)?.body).not.toHaveProperty('stream_options');
    expect(onlySpan().attributes).toMatchObject({
      [semconv.ATTR_SIGHTLINE_USAGE_MISSING]: true,
      [semconv.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['stop'],
    });
    expect(await harness.telemetry.points(semconv.METRIC_SIGHTLINE_USAGE_MISSING)).toEqual([
      {
        attributes: {
          [semconv.ATTR_GEN_AI_PROVIDER_NAME]: semconv.GEN_AI_PROVIDER_OPENAI,
          [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-4o-mini',
        },
        value: 1,
      },
    ]);
  });

  it('follows a Responses API event stream to response.completed', async () => {
    const { bare, instrumented } = openaiClients(harness.server);
    const request = { model: 'gpt-4.1', instructions: 'You are a helpful assistant.', input: 'Hello!', stream: true as const };
    const expected = await collect(await bare.responses.create(request));
    const events = await collect(await instrumented.responses.create(request));
    expect(events).toEqual(expected);
    expect(onlySpan().attributes).toMatchObject({
      [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: 'gpt-4.1-2025-04-14',
      [semconv.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['stop'],
      [semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 37,
      [semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 11,
      [semconv.ATTR_SIGHTLINE_COST_USD]: expect.closeTo((37 * 2 + 11 * 8) / 1e6, 15),
    });
  });

  it('records one span for the stream() helper, whose final completion the app still gets', async () => {
    const { instrumented } = openaiClients(harness.server);
    const { stream: _stream, ...request } = chatRequest(true);
    const runner = instrumented.chat.completions.stream(request);
    const completion = await runner.finalChatCompletion();
    expect(completion.choices[0]?.message.content).toBe('Hello there');
    expect(onlySpan().attributes[semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]).toBe(2);
  });

  it('ends the span when the app leaves the stream early, with what had arrived and no error', async () => {
    const { instrumented } = openaiClients(harness.server);
    const stream = await instrumented.chat.completions.create(chatRequest(true));
    for await (const _chunk of stream) break;
    const span = onlySpan();
    expect(span.status.code).toBe(0);
    expect(span.attributes[semconv.ATTR_GEN_AI_RESPONSE_ID]).toBe('chatcmpl-123');
    expect(span.attributes[semconv.ATTR_SIGHTLINE_USAGE_MISSING]).toBe(true);
  });

  it('passes a mid-stream disconnect to the app as the bare client does, and records it as the error', async () => {
    harness.server.respond(routes({ chat: (request) => sse('chat-stream', request, { cutAfter: 2 }) }));
    const { bare, instrumented } = openaiClients(harness.server);
    const expected = await collect(await bare.chat.completions.create(chatRequest(true))).catch((error: unknown) => error);
    const received: unknown[] = [];
    const error = await (async () => {
      for await (const chunk of await instrumented.chat.completions.create(chatRequest(true))) received.push(chunk);
    })().catch((problem: unknown) => problem);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).constructor).toBe((expected as Error).constructor);
    expect((error as Error).message).toBe((expected as Error).message);
    expect(received).toHaveLength(2);
    const span = onlySpan();
    expect(span.status.code).toBe(2);
    expect(span.attributes[semconv.ATTR_ERROR_TYPE]).toBe((expected as Error).constructor.name);
  });

  it('records an abort by its error class, and the app gets the client error unchanged', async () => {
    harness.server.respond(() => ({ kind: 'hang' }));
    const { instrumented } = openaiClients(harness.server);
    const controller = new AbortController();
    const pending = instrumented.chat.completions.create(chatRequest(true), { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await pending.catch((problem: unknown) => problem);
    expect((error as Error).constructor.name).toBe('APIUserAbortError');
    const span = onlySpan();
    expect(span.attributes[semconv.ATTR_ERROR_TYPE]).toBe('APIUserAbortError');
  });

  it('records a client timeout', async () => {
    harness.server.respond(() => ({ kind: 'hang' }));
    const { instrumented } = openaiClients(harness.server, { timeout: 50 });
    const error = await instrumented.chat.completions.create(chatRequest(false)).catch((problem: unknown) => problem);
    expect((error as Error).constructor.name).toBe('APIConnectionTimeoutError');
    expect(onlySpan().attributes[semconv.ATTR_ERROR_TYPE]).toBe('APIConnectionTimeoutError');
  });
});
