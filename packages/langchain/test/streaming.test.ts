import { SpanKind } from '@opentelemetry/api';
import { semconv } from '@sightline/core';
import { SightlineCallbackHandler } from '@sightline/langchain';
import { expectTree, setupTestTelemetry, type TestTelemetry } from '@sightline/testing';
import { afterEach, expect, it } from 'vitest';
import { StreamingChatModel, untaggedAttributes, PROMPT_HASH } from './helpers.js';

let telemetry: TestTelemetry<never> | undefined;
afterEach(async () => telemetry?.shutdown());

it('records time to first chunk, and takes usage from the final chunk, on one span', async () => {
  telemetry = setupTestTelemetry() as unknown as TestTelemetry<never>;
  const handler = new SightlineCallbackHandler();
  const model = new StreamingChatModel(['Hel', 'lo', ' world'], 20);
  const startedAt = performance.now();
  let text = '';
  for await (const chunk of await model.stream('hi', { callbacks: [handler] })) text += chunk.content as string;
  const elapsed = (performance.now() - startedAt) / 1000;
  expect(text).toBe('Hello world');

  const [span] = telemetry.spans();
  const ttfc = span?.attributes[semconv.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] as number;
  // The first chunk comes after one 20 ms delay, well before the three-chunk stream ends.
  expect(ttfc).toBeGreaterThanOrEqual(0.015);
  expect(ttfc).toBeLessThan(elapsed * 0.75);
  expectTree(telemetry.spans(), {
    name: 'chat gpt-4o-mini',
    kind: SpanKind.CLIENT,
    attributes: {
      [semconv.ATTR_GEN_AI_OPERATION_NAME]: 'chat',
      ...PROMPT_HASH,
      [semconv.ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
      [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-4o-mini',
      [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: 'gpt-4o-mini-2024-07-18',
      [semconv.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['stop'],
      [semconv.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK]: ttfc,
      [semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 12,
      [semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 4,
      [semconv.ATTR_SIGHTLINE_COST_USD]: (12 * 0.15 + 4 * 0.6) / 1e6,
      ...untaggedAttributes,
    },
  });
  const points = await telemetry.points(semconv.METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK);
  expect(points).toHaveLength(1);
  expect(points[0]?.value).toMatchObject({ count: 1, sum: ttfc });
  expect(handler.openRuns).toBe(0);
});

it('records no time to first chunk for a call that did not stream', async () => {
  telemetry = setupTestTelemetry() as unknown as TestTelemetry<never>;
  const model = new StreamingChatModel(['a', 'b'], 1);
  await expect(model.invoke('hi', { callbacks: [new SightlineCallbackHandler()] })).rejects.toThrow('streaming only');
  const [span] = telemetry.spans();
  expect(span?.attributes[semconv.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK]).toBeUndefined();
  expect(span?.attributes[semconv.ATTR_ERROR_TYPE]).toBe('Error');
  expect(await telemetry.points(semconv.METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK)).toEqual([]);
});
