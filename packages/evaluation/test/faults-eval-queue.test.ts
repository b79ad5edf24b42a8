import { semconv } from '@sightline/core';
import { evaluations, llmJudge } from '@sightline/evaluation';
import { setupTestTelemetry, type TestTelemetry } from '../../testing/src/index.js';
import { afterEach, expect, it } from 'vitest';
import { callModel } from './evaluation-fixtures.js';
import { droppedCount } from '../../core/test/support/faults.js';

// evaluation-overload.test.ts proves flat memory over 10,000 calls with an engine of its own. Here: the
// issue's 100,000 model calls against the engine that init() starts with its default queue bound.

const CALLS = 100_000;
const DEFAULT_MAX_QUEUE = 1000;
const CONCURRENCY = 2;

let telemetry: TestTelemetry<never> | undefined;
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});

it('100,000 evaluations submitted against a judge that never answers: the queue stays at its bound, every drop is counted, every app result is unchanged', async () => {
  const pending: (() => void)[] = [];
  const stuckJudge = () => new Promise<string>((resolve) => pending.push(() => resolve('{"score": 0.9}')));
  telemetry = setupTestTelemetry({
    evaluation: evaluations({
      evaluators: [llmJudge({ judge: stuckJudge, criteria: ['relevance'], concurrency: CONCURRENCY, timeoutMs: 60_000 })],
      flushTimeoutMs: 5_000,
    }),
  }) as unknown as TestTelemetry<never>;

  let wrong = 0;
  for (let index = 0; index < CALLS; index++) {
    if ((await callModel({ question: 'q', answer: `a${index}` })) !== `a${index}`) wrong++;
    if (index % 10_000 === 0) telemetry.reset(); // the in-memory span exporter is not under test
  }
  expect(wrong).toBe(0);
  expect(pending).toHaveLength(CONCURRENCY);
  const dropped = droppedCount('evaluations', semconv.REASON_EVAL_QUEUE_FULL);
  expect(dropped).toBe(CALLS - DEFAULT_MAX_QUEUE - CONCURRENCY);
  expect(await telemetry.points(semconv.METRIC_SIGHTLINE_TELEMETRY_DROPPED)).toContainEqual({
    attributes: { [semconv.ATTR_SIGHTLINE_SIGNAL]: 'evaluations', [semconv.ATTR_SIGHTLINE_REASON]: semconv.REASON_EVAL_QUEUE_FULL },
    value: dropped,
  });

  // Once the judge answers, forceFlush drains the accepted backlog: every accepted call gets its score.
  const release = setInterval(() => pending.splice(0).forEach((resolve) => resolve()), 1);
  try {
    await telemetry.obs.forceFlush();
  } finally {
    clearInterval(release);
  }
  const [scores] = await telemetry.points(semconv.METRIC_SIGHTLINE_EVAL_SCORE);
  expect(scores?.value).toMatchObject({ count: DEFAULT_MAX_QUEUE + CONCURRENCY });
}, 60_000);
