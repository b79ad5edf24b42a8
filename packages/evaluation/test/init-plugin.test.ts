import { init, isEvaluationEnabled, semconv, sightlineComponents, withTags, type SightlineAlert } from '@sightline/core';
import { evaluations, type Evaluator } from '@sightline/evaluation';
import { afterEach, describe, expect, it } from 'vitest';
import { setupTestTelemetry, type TestTelemetry } from '../../testing/src/index.js';
import { callModel, evaluationRecords, tagsWith } from './evaluation-fixtures.js';

/** Scores every call `value`; below the threshold of 0.5 is a breach. */
function scoring(value: number): Evaluator {
  return {
    name: 'constant',
    threshold: 0.5,
    evaluate: async () => [{ name: 'helpfulness', value, label: value >= 0.5 ? 'pass' : 'fail' }],
  };
}

describe('init({ evaluation: evaluations({ evaluators }) })', () => {
  let telemetry: TestTelemetry<never> | undefined;
  afterEach(async () => {
    await telemetry?.shutdown();
    telemetry = undefined;
  });

  it('runs the evaluators on submitted calls, flushes them with forceFlush, and alerts on a breach', async () => {
    const alerts: SightlineAlert[] = [];
    telemetry = setupTestTelemetry({
      defaultTags: { environment: 'dev' },
      evaluation: evaluations({ evaluators: [scoring(0.25)] }),
      onAlert: (alert) => alerts.push(alert),
    }) as unknown as TestTelemetry<never>;
    expect(isEvaluationEnabled()).toBe(true);

    let modelSpanId = '';
    const answer = await withTags({ team: 'search' }, () =>
      callModel({ question: 'q?', answer: 'a.' }, (span) => (modelSpanId = span.spanContext().spanId)),
    );
    expect(answer).toBe('a.');
    await telemetry.obs.forceFlush();

    const [record, ...rest] = evaluationRecords(telemetry.logs());
    expect(rest).toEqual([]);
    expect(record?.spanContext?.spanId).toBe(modelSpanId);
    expect(record?.attributes[semconv.ATTR_GEN_AI_EVALUATION_SCORE_VALUE]).toBe(0.25);
    const alertRecords = telemetry.logs().filter((log) => log.eventName === semconv.EVENT_SIGHTLINE_ALERT);
    expect(alertRecords.map((log) => [log.spanContext?.spanId, log.body, { ...log.attributes }])).toEqual([
      [
        modelSpanId,
        'helpfulness scored 0.25 (below 0.5) on gpt-4o',
        {
          [semconv.ATTR_SIGHTLINE_ALERT_KIND]: 'quality_breach',
          [semconv.ATTR_GEN_AI_EVALUATION_NAME]: 'helpfulness',
          [semconv.ATTR_GEN_AI_EVALUATION_SCORE_VALUE]: 0.25,
          [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: 'gpt-4o',
          ...tagsWith({ team: 'search' }),
        },
      ],
    ]);
    expect(alerts).toEqual([
      {
        kind: 'quality_breach',
        evaluationName: 'helpfulness',
        score: 0.25,
        threshold: 0.5,
        label: 'fail',
        model: 'gpt-4o',
        provider: 'openai',
        tags: { team: 'search' },
        traceId: record?.spanContext?.traceId,
        spanId: modelSpanId,
        responseId: undefined,
      },
    ]);

    await telemetry.shutdown();
    telemetry = undefined;
    expect(isEvaluationEnabled()).toBe(false);
  });

  it('throws at once when evaluations() is given no evaluator list', () => {
    expect(() => evaluations({} as never)).toThrow('sightline: evaluations() takes { evaluators: [...] }');
    expect(() => evaluations(undefined as never)).toThrow(TypeError);
  });

  it('starts nothing for an empty evaluator list: integrations hold no content', () => {
    telemetry = setupTestTelemetry({ evaluation: evaluations({ evaluators: [] }) }) as unknown as TestTelemetry<never>;
    expect(isEvaluationEnabled()).toBe(false);
  });

  it('is started by sightlineComponents too, and shut down by its instance', async () => {
    const { sightline } = sightlineComponents({ exporters: { file: false }, evaluation: evaluations({ evaluators: [scoring(1)] }) });
    expect(isEvaluationEnabled()).toBe(true);
    await sightline.shutdown();
    expect(isEvaluationEnabled()).toBe(false);
  });

  it('rejects the removed options with the way to the new one, before anything is registered', () => {
    const removed = { evaluators: [scoring(1)] } as unknown as Parameters<typeof init>[0];
    expect(() => init(removed)).toThrow(/evaluation: evaluations\(\{ evaluators \}\).*@sightline\/evaluation/);
    const tuning = { evaluation: { maxQueueSize: 10 } } as unknown as Parameters<typeof init>[0];
    expect(() => init(tuning)).toThrow(/takes an evaluation plugin/);
    expect(isEvaluationEnabled()).toBe(false);
  });
});
