import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readInternalCounter, semconv } from '@sightline/core';
import { llmJudge } from '@sightline/evaluation';
import { expect, it } from 'vitest';
import { callModel, useEvaluationSetup } from './evaluation-fixtures.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const setup = useEvaluationSetup();

it('under 10,000 model calls with a slow judge: the queue stays bounded, drops are counted, memory stays flat', async () => {
  const telemetry = setup.telemetry();
  const MAX_QUEUE = 100;
  const CONCURRENCY = 2;
  // Each answer is a distinct, flat 4 KiB string: retaining 9,000 of them would cost ~36 MiB.
  const answer = (index: number) => {
    const bytes = Buffer.alloc(4096, 'x');
    bytes.write(`${index}:`);
    return bytes.toString('latin1');
  };
  /** Heap growth over calls [from + 1000, from + 10000), after a 1,000-call warm-up. */
  const growthOver9000Calls = async (from: number) => {
    const calls = async (first: number, end: number) => {
      for (let index = first; index < end; index++) {
        expect(await callModel({ question: `q${index}`, answer: answer(index) })).toHaveLength(4096);
      }
    };
    await calls(from, from + 1000);
    telemetry.reset(); // the in-memory span exporter holds spans; only evaluation memory is under test
    const before = heapAfterGc();
    await calls(from + 1000, from + 10_000);
    telemetry.reset();
    return heapAfterGc() - before;
  };
  // The same calls without evaluation: what the test harness itself retains per span.
  const baseline = await growthOver9000Calls(0);

  const pending: (() => void)[] = [];
  // A judge far slower than the app: nothing completes until the test releases it.
  const slowJudge = () => new Promise<string>((resolve) => pending.push(() => resolve('{"score": 0.9}')));
  const engine = setup.engine({
    evaluators: [llmJudge({ judge: slowJudge, criteria: ['relevance'], sampleRate: 1, concurrency: CONCURRENCY, timeoutMs: 60_000 })],
    maxQueueSize: MAX_QUEUE,
  });
  const withEvaluation = await growthOver9000Calls(10_000);

  expect(engine.stats()).toEqual({ queued: MAX_QUEUE, running: CONCURRENCY, documentTraces: 0 });
  expect(pending).toHaveLength(CONCURRENCY);
  const dropped = readInternalCounter(semconv.METRIC_SIGHTLINE_TELEMETRY_DROPPED, {
    [semconv.ATTR_SIGHTLINE_SIGNAL]: 'evaluations',
    [semconv.ATTR_SIGHTLINE_REASON]: semconv.REASON_EVAL_QUEUE_FULL,
  });
  expect(dropped).toBe(10_000 - MAX_QUEUE - CONCURRENCY);
  expect(await telemetry.points(semconv.METRIC_SIGHTLINE_TELEMETRY_DROPPED)).toEqual([
    {
      attributes: { [semconv.ATTR_SIGHTLINE_SIGNAL]: 'evaluations', [semconv.ATTR_SIGHTLINE_REASON]: semconv.REASON_EVAL_QUEUE_FULL },
      value: dropped,
    },
  ]);
  expect(withEvaluation - baseline).toBeLessThan(6 * 1024 * 1024);

  // Once the judge answers, the accepted backlog drains and flush returns.
  const release = setInterval(() => pending.splice(0).forEach((resolve) => resolve()), 1);
  try {
    await engine.flush(10_000);
  } finally {
    clearInterval(release);
  }
  expect(engine.stats()).toEqual({ queued: 0, running: 0, documentTraces: 0 });
  const [scores] = await telemetry.points(semconv.METRIC_SIGHTLINE_EVAL_SCORE);
  expect(scores?.value).toMatchObject({ count: MAX_QUEUE + CONCURRENCY });
}, 90_000);

it("runs more than 10 evaluations at once without Node's false MaxListeners warning", async () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on('warning', onWarning);
  try {
    const pending: (() => void)[] = [];
    const slowJudge = () => new Promise<string>((resolve) => pending.push(() => resolve('{"score": 0.9}')));
    const engine = setup.engine({
      evaluators: [llmJudge({ judge: slowJudge, criteria: ['relevance'], sampleRate: 1, concurrency: 32, timeoutMs: 60_000 })],
    });
    for (let index = 0; index < 32; index++) await callModel({ question: `q${index}`, answer: 'a' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(engine.stats().running).toBe(32);
    for (const release of pending) release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
  } finally {
    process.off('warning', onWarning);
  }
});
