// @anthropic-ai/sdk's streams, end to end: the raw event stream (`stream: true`) and the `messages.stream()`
// helper pass every event through as with tracing off, and the SDK's call span gets the usage of
// message_start and message_delta, its time to first chunk, cost and the first-chunk metric. A stream the
// app leaves, a disconnect and an abort end the span as the app sees them.
import { SpanKind } from '@opentelemetry/api';
import { semconv } from '@sightline/core';
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
const fixture = anthropicFixture('stream');
const request = { ...fixture.request, stream: true as const, messages: USER_MESSAGE };
// claude-sonnet-4-5: 25 fresh input at $3/M, 1024 cache reads at $0.30/M, 15 output at $15/M.
const STREAM_COST = (25 * 3 + 1024 * 0.3 + 15 * 15) / 1e6;

async function collect(stream: AsyncIterable<unknown>): Promise<unknown[]> {
  const events: unknown[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

function onlySpan() {
  const spans = harness.telemetry.spans().filter((span) => span.name === A.ANTHROPIC_SPAN_MESSAGES_CREATE);
  expect(spans).toHaveLength(1);
  return spans[0] as (typeof spans)[number];
}

describe('instrumentAnthropic: streams', () => {
  it('passes every event through and completes the span from message_start and message_delta, with time to first chunk', async () => {
    replay(harness.server, fixture);
    const { traced, bare } = clients(harness.server);
    const expected = await collect(await bare.messages.create(request));
    const events = await inRequest(async () => collect(await traced.messages.create(request)));

    expect(events).toEqual(expected);
    expect(events).toHaveLength(7); // the ping is the SDK's to drop
    expectTree(harness.telemetry.spans(), {
      name: 'handle request',
      children: [
        {
          name: A.ANTHROPIC_SPAN_MESSAGES_CREATE,
          kind: SpanKind.CLIENT,
          attributes: {
            ...sdkAttributes(harness.server, request),
            ...SEARCH_TAGS,
            [A.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK]: expect.any(Number),
            [A.ATTR_GEN_AI_RESPONSE_ID]: 'msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY',
            [A.ATTR_GEN_AI_RESPONSE_MODEL]: 'claude-sonnet-4-5-20250929',
            [A.ATTR_ANTHROPIC_USAGE_CACHE_WRITE_INPUT_TOKENS]: 0,
            [A.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 1024,
            [A.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 15,
            [A.ATTR_ANTHROPIC_MESSAGE_STOP_REASON]: 'end_turn',
            [A.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 1049,
            [A.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['end_turn'],
            [A.ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS]: 0,
            [A.ATTR_SIGHTLINE_COST_USD]: expect.closeTo(STREAM_COST, 12),
          },
        },
      ],
    });
    const span = onlySpan();
    const firstChunk = span.attributes[A.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] as number;
    expect(firstChunk).toBeGreaterThan(0);
    const labels = callLabels('claude-sonnet-4-5', 'claude-sonnet-4-5-20250929');
    expect(await harness.telemetry.points(A.METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK)).toEqual([
      { attributes: labels, value: expect.objectContaining({ count: 1, sum: expect.closeTo(firstChunk, 9) }) },
    ]);
    expect(await harness.telemetry.points(A.METRIC_SIGHTLINE_LLM_COST)).toEqual([
      { attributes: labels, value: expect.closeTo(STREAM_COST, 12) },
    ]);
    expect(tokenSums(await harness.telemetry.points(A.METRIC_GEN_AI_CLIENT_TOKEN_USAGE))).toEqual([
      [A.GEN_AI_TOKEN_TYPE_INPUT, 1049],
      [A.GEN_AI_TOKEN_TYPE_OUTPUT, 15],
      [A.GEN_AI_TOKEN_TYPE_CACHE_READ, 1024],
      [A.GEN_AI_TOKEN_TYPE_CACHE_CREATION, 0],
    ]);
  });

  it('records one span for the messages.stream() helper, whose final message the app still gets', async () => {
    replay(harness.server, fixture);
    const { traced, bare } = clients(harness.server);
    const { stream: _stream, ...helperRequest } = request;
    const expected = await bare.messages.stream(helperRequest).finalMessage();
    const message = await traced.messages.stream(helperRequest).finalMessage();

    expect(message).toEqual(expected);
    expect(message.content).toEqual([{ type: 'text', text: 'Hello!' }]);
    const span = onlySpan();
    expect(span.attributes[A.ATTR_SIGHTLINE_COST_USD]).toBeCloseTo(STREAM_COST, 12);
    expect(span.attributes[A.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]).toEqual(['end_turn']);
  });

  it('ends the span when the app leaves the stream early: the input usage of message_start, no error', async () => {
    replay(harness.server, fixture);
    const { traced } = clients(harness.server);
    for await (const event of await traced.messages.create(request)) if (event.type === 'content_block_delta') break;

    const span = onlySpan();
    expect(span.status.code).toBe(0);
    expect(span.attributes).not.toHaveProperty(A.ATTR_ERROR_TYPE);
    expect(span.attributes[A.ATTR_GEN_AI_USAGE_INPUT_TOKENS]).toBe(1049);
    expect(span.attributes[A.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]).toBe(0);
    expect(span.attributes).not.toHaveProperty(A.ATTR_GEN_AI_RESPONSE_FINISH_REASONS);
    // What was sent is billed: the input, of which the output so far is not known.
    expect(span.attributes[A.ATTR_SIGHTLINE_COST_USD]).toBeCloseTo((25 * 3 + 1024 * 0.3) / 1e6, 12);
  });

  it('passes a mid-stream disconnect to the app as the bare client does, and records the error', async () => {
    replay(harness.server, { ...(fixture.response as object), cutAfter: 4 } as typeof fixture.response);
    const { traced, bare } = clients(harness.server);
    const read = async (client: typeof traced) => {
      const events: unknown[] = [];
      const error = await (async () => {
        for await (const event of await client.messages.create(request)) events.push(event);
      })().catch((problem: unknown) => problem);
      return { events, error };
    };
    const expected = await read(bare);
    const received = await read(traced);

    expect(received.events).toEqual(expected.events);
    expect(received.events).toHaveLength(3);
    expect(received.error).toBeInstanceOf(Error);
    expect((received.error as Error).constructor).toBe((expected.error as Error).constructor);
    expect((received.error as Error).message).toBe((expected.error as Error).message);
    const span = onlySpan();
    expect(span.status.code).toBe(2);
    expect(span.attributes[A.ATTR_ERROR_TYPE]).toBe('connection_error');
    expect(span.attributes[A.ATTR_GEN_AI_USAGE_INPUT_TOKENS]).toBe(1049);
    const durations = await harness.telemetry.points(A.METRIC_GEN_AI_CLIENT_OPERATION_DURATION);
    expect(durations.map((point) => point.attributes[A.ATTR_ERROR_TYPE])).toEqual(['connection_error']);
  });

  it('records an abort before any response as APIUserAbortError, and the app gets the client error unchanged', async () => {
    harness.server.respond(() => ({ kind: 'hang' }));
    const { traced } = clients(harness.server);
    const controller = new AbortController();
    const pending = traced.messages.create(request, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await pending.catch((problem: unknown) => problem);

    expect((error as Error).constructor.name).toBe('APIUserAbortError');
    const span = onlySpan();
    expect(span.attributes[A.ATTR_ERROR_TYPE]).toBe('APIUserAbortError');
    expect(span.attributes).not.toHaveProperty(A.ATTR_SIGHTLINE_USAGE_MISSING);
    expect(span.attributes).not.toHaveProperty(A.ATTR_SIGHTLINE_COST_USD);
    const durations = await harness.telemetry.points(A.METRIC_GEN_AI_CLIENT_OPERATION_DURATION);
    expect(durations.map((point) => point.attributes[A.ATTR_ERROR_TYPE])).toEqual(['APIUserAbortError']);
  });
});
