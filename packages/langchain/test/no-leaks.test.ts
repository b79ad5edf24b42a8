import { RunnableLambda } from '@langchain/core/runnables';
import { SightlineCallbackHandler } from '@sightline/langchain';
import { setupTestTelemetry, type TestTelemetry } from '@sightline/testing';
import { afterEach, expect, it } from 'vitest';
import { publishedRunCount } from '../src/parent-resolution.js';
import { FixtureChatModel } from './helpers.js';

let telemetry: TestTelemetry<never> | undefined;
afterEach(async () => telemetry?.shutdown());

const model = new FixtureChatModel({
  description: 'tiny',
  source: 'test',
  lsParams: { ls_provider: 'openai', ls_model_name: 'gpt-4o-mini' },
  message: { content: 'ok', response_metadata: { usage: { prompt_tokens: 3, completion_tokens: 1 } } },
});

it('leaves the run maps empty after 20,000 runs that mix success, error and abort', async () => {
  // A recording processor would hold 60k+ spans; this test is about the handler's own maps.
  telemetry = setupTestTelemetry() as unknown as TestTelemetry<never>;
  const handler = new SightlineCallbackHandler();
  const outcomes = { ok: 0, error: 0, abort: 0 };
  const runOne = async (index: number): Promise<void> => {
    const kind = index % 3;
    const controller = new AbortController();
    const first = RunnableLambda.from(async (input: string) => {
      if (kind === 2) {
        controller.abort();
        await new Promise((resolve) => setImmediate(resolve));
      }
      return input;
    });
    const last = RunnableLambda.from(async (message: { content: unknown }) => {
      if (kind === 1) throw new Error(`failure ${index}`);
      return message.content;
    });
    try {
      await first
        .pipe(model)
        .pipe(last)
        .invoke(`q${index}`, { callbacks: [handler], signal: controller.signal });
      outcomes.ok++;
    } catch (error) {
      outcomes[(error as Error).name === 'AbortError' ? 'abort' : 'error']++;
    }
  };
  for (let batch = 0; batch < 100; batch++) {
    await Promise.all(Array.from({ length: 200 }, (_, offset) => runOne(batch * 200 + offset)));
    telemetry.reset();
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(outcomes).toEqual({ ok: 6667, error: 6667, abort: 6666 });
  expect(handler.openRuns).toBe(0);
  expect(publishedRunCount()).toBe(0);
}, 120_000);
