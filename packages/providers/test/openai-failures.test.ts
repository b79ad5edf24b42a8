// Failures: the API's errors reach the app exactly as without Sightline and are recorded on the
// span and the duration metric; a failure of Sightline itself leaves the call untouched.
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { semconv, withTags } from '@sightline/core';
import { SightlineCallbackHandler } from '@sightline/langchain';
import { expectTree } from '@sightline/testing';
import { tool } from '@langchain/core/tools';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useReplayHarness } from './replay-harness.js';
import { json, openaiClients, routes } from './support/openai-replay.js';

const harness = useReplayHarness();
beforeEach(() => harness.server.respond(routes({ chat: () => json('chat-completion') })));
afterEach(() => diag.disable());

const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };

/** What the app can see of an API error. */
function visible(error: unknown) {
  const fields = error as { constructor: { name: string }; status?: number; message: string; code?: unknown; headers?: Headers };
  return {
    type: fields.constructor.name,
    status: fields.status,
    message: fields.message,
    code: fields.code,
    retryAfter: fields.headers?.get('retry-after'),
  };
}

describe('instrumentOpenAI: API errors', () => {
  it.each([
    ['rate-limited', 'RateLimitError', 429],
    ['server-error', 'InternalServerError', 500],
  ])('passes a %s response to the app unchanged and records %s', async (fixture, errorType, status) => {
    harness.server.respond(routes({ chat: () => json(fixture) }));
    const { bare, instrumented } = openaiClients(harness.server);
    const expected = await bare.chat.completions.create(request).catch((error: unknown) => error);
    const error = await instrumented.chat.completions.create(request).catch((problem: unknown) => problem);
    expect(visible(error)).toEqual(visible(expected));
    expect(visible(error)).toMatchObject({ type: errorType, status });
    const [span] = harness.telemetry.spans();
    expect(span?.status.code).toBe(2);
    expect(span?.attributes[semconv.ATTR_ERROR_TYPE]).toBe(errorType);
    expect(span?.attributes[semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS]).toBeUndefined();
    const durations = await harness.telemetry.points(semconv.METRIC_GEN_AI_CLIENT_OPERATION_DURATION);
    expect(durations.map(({ attributes }) => attributes[semconv.ATTR_ERROR_TYPE])).toEqual([errorType]);
  });
});

describe('instrumentOpenAI: when Sightline itself fails', () => {
  it('still makes the call, returns its result and warns once through diag', async () => {
    const warnings: string[] = [];
    const logger: DiagLogger = {
      error: () => {},
      warn: (...args) => warnings.push(args.map(String).join(' ')),
      info: () => {},
      debug: () => {},
      verbose: () => {},
    };
    diag.setLogger(logger, DiagLogLevel.WARN);
    const { bare, instrumented } = openaiClients(harness.server);
    // A body whose first read of `temperature` throws: Sightline reads it first, the client after.
    const poisoned = () => {
      let reads = 0;
      return {
        ...request,
        get temperature(): number {
          reads++;
          if (reads === 1) throw new Error('first read fails');
          return 0.2;
        },
      };
    };
    const expected = await bare.chat.completions.create({ ...request, temperature: 0.2 });
    const result = await instrumented.chat.completions.create(poisoned());
    expect(result).toEqual(expected);
    expect(harness.telemetry.spans()).toEqual([]);
    expect(warnings.filter((message) => message.includes('openai:start'))).toHaveLength(1);
  });
});

describe('instrumentOpenAI: inside a LangChain tool', () => {
  it('nests the chat span under the tool run and takes the run’s tags', async () => {
    const { instrumented } = openaiClients(harness.server);
    const lookup = tool(async () => (await instrumented.chat.completions.create(request)).choices[0]?.message.content ?? '', {
      name: 'ask_model',
      description: 'asks a model',
    });
    const answer = await withTags({ team: 'search' }, () =>
      lookup.invoke({}, { callbacks: [new SightlineCallbackHandler()], metadata: { feature: 'lookup' } }),
    );
    expect(answer).toBe('The capital of France is Paris.');
    expectTree(harness.telemetry.spans(), {
      name: 'execute_tool ask_model',
      children: [{ name: 'chat gpt-4o-mini', attributesContaining: { team: 'search', feature: 'lookup' } }],
    });
  });
});
