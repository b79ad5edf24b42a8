import type { SightlineAlert } from '@sightline/core';
import type { Evaluator } from '@sightline/evaluation';
import { describe, expect, it } from 'vitest';
import { callModel, useEvaluationSetup } from './evaluation-fixtures.js';

/** Scores each answer with the number it carries: the test decides what each model version scores. */
const scoreFromAnswer: Evaluator = {
  name: 'hallucination_check',
  concurrency: 1,
  evaluate: (context) => [{ name: 'factual_accuracy', value: Number(context.answer), label: 'scored' }],
};

describe('drift', () => {
  const setup = useEvaluationSetup();

  async function run(calls: readonly [model: string, score: number, count: number][]): Promise<SightlineAlert[]> {
    setup.telemetry();
    const alerts: SightlineAlert[] = [];
    const engine = setup.engine({
      evaluators: [scoreFromAnswer],
      onAlert: (alert) => alerts.push(alert),
      drift: { delta: 0.1, windowSize: 20, minSamples: 10 },
    });
    for (const [model, score, count] of calls) {
      for (let index = 0; index < count; index++) await callModel({ question: 'q', answer: String(score), model });
    }
    await engine.flush(5000);
    return alerts;
  }

  it('raises one alert when model v2 scores 0.6 after v1 scored 0.9', async () => {
    const alerts = await run([
      ['model-v1', 0.9, 30],
      ['model-v2', 0.6, 30],
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toEqual({
      kind: 'drift',
      reason: 'model_change',
      evaluationName: 'factual_accuracy',
      model: 'model-v2',
      previousModel: 'model-v1',
      referenceMean: expect.closeTo(0.9, 9),
      currentMean: expect.closeTo(0.6, 9),
      delta: 0.1,
    });
  });

  it('raises one alert when one version falls below its own baseline window', async () => {
    const alerts = await run([
      ['model-v1', 0.9, 20],
      ['model-v1', 0.5, 40],
    ]);
    expect(alerts).toEqual([
      {
        kind: 'drift',
        reason: 'baseline',
        evaluationName: 'factual_accuracy',
        model: 'model-v1',
        previousModel: undefined,
        referenceMean: expect.closeTo(0.9, 9),
        currentMean: expect.any(Number),
        delta: 0.1,
      },
    ]);
    expect((alerts[0] as { currentMean: number }).currentMean).toBeLessThan(0.8);
  });

  it('stays quiet for a version change within delta, and for a better version', async () => {
    expect(
      await run([
        ['model-v1', 0.9, 30],
        ['model-v2', 0.85, 30],
        ['model-v3', 0.95, 30],
      ]),
    ).toEqual([]);
  });

  it('can be turned off', async () => {
    setup.telemetry();
    const alerts: SightlineAlert[] = [];
    const engine = setup.engine({ evaluators: [scoreFromAnswer], onAlert: (alert) => alerts.push(alert), drift: false });
    for (const score of [...Array(30).fill(0.9), ...Array(30).fill(0.1)]) {
      await callModel({ question: 'q', answer: String(score), model: score > 0.5 ? 'v1' : 'v2' });
    }
    await engine.flush(5000);
    expect(alerts).toEqual([]);
  });
});
