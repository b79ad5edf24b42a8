import { AsyncLocalStorage } from 'node:async_hooks';
import { trace, type SpanContext } from '@opentelemetry/api';
import {
  isEvaluationEnabled,
  noteRetrievedDocuments,
  readInternalCounter,
  semconv,
  submitForEvaluation,
  withTags,
  type SightlineAlert,
} from '@sightline/core';
import { startEvaluations, type EvaluationContext, type Evaluator } from '@sightline/evaluation';
import { describe, expect, it } from 'vitest';
import { callModel, evaluationRecords, ragCall, useEvaluationSetup } from './evaluation-fixtures.js';

const SPAN: SpanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 };

/** An evaluator that records what it saw and scores 1. */
function recording(seen: EvaluationContext[], options: Partial<Evaluator> = {}): Evaluator {
  return {
    name: 'recording',
    ...options,
    evaluate(context) {
      seen.push(context);
      return [{ name: 'seen', value: 1, label: 'ok' }];
    },
  };
}

function dropped(reason: string): number {
  return readInternalCounter(semconv.METRIC_SIGHTLINE_TELEMETRY_DROPPED, {
    [semconv.ATTR_SIGHTLINE_SIGNAL]: 'evaluations',
    [semconv.ATTR_SIGHTLINE_REASON]: reason,
  });
}

describe('evaluation engine', () => {
  const setup = useEvaluationSetup(100);

  it('attaches documents retrieved earlier in the same trace, and only that trace', async () => {
    const telemetry = setup.telemetry();
    const seen: EvaluationContext[] = [];
    const engine = setup.engine({ evaluators: [recording(seen)], documents: { maxDocumentsPerTrace: 2, maxDocumentChars: 5 } });
    await ragCall({ team: 'a' }, ['alpha one', 'beta two', 'gamma three'], { question: 'q1', answer: 'a1' }, noteRetrievedDocuments);
    await callModel({ question: 'q2', answer: 'a2' }); // a trace with no retrieval
    await engine.flush(1000);
    expect(seen.map((context) => [context.question, context.documents])).toEqual([
      ['q1', ['alpha', 'beta ']],
      ['q2', []],
    ]);
    expect(seen[0]?.traceId).toBe(
      telemetry
        .spans()
        .find((span) => span.name === 'chat gpt-4o')
        ?.spanContext().traceId,
    );
    expect(engine.stats().documentTraces).toBe(1);
    await engine.shutdown(100);
    expect(engine.stats().documentTraces).toBe(0);
  });

  it('forgets documents after their time-to-live and beyond maxTraces', async () => {
    setup.telemetry();
    const seen: EvaluationContext[] = [];
    const engine = setup.engine({ evaluators: [recording(seen)], documents: { maxTraces: 2, ttlMs: 30 } });
    noteRetrievedDocuments('trace-1', ['one']);
    noteRetrievedDocuments('trace-2', ['two']);
    noteRetrievedDocuments('trace-3', ['three']);
    expect(engine.stats().documentTraces).toBe(2);
    submitForEvaluation({ spanContext: SPAN, traceId: 'trace-1', question: 'q', answer: 'a', model: 'm' });
    submitForEvaluation({ spanContext: SPAN, traceId: 'trace-3', question: 'q', answer: 'a', model: 'm' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    submitForEvaluation({ spanContext: SPAN, traceId: 'trace-2', question: 'q', answer: 'a', model: 'm' });
    noteRetrievedDocuments('trace-4', ['four']); // sweeps the expired ones
    await engine.flush(1000);
    expect(seen.map((context) => context.documents)).toEqual([[], ['three'], []]);
    expect(engine.stats().documentTraces).toBe(1);
  });

  it('samples by rate and always on error, and takes the tags of the submitting context', async () => {
    setup.telemetry();
    const sampled: EvaluationContext[] = [];
    const errorsOnly: EvaluationContext[] = [];
    const engine = setup.engine({
      evaluators: [recording(sampled, { sampleRate: 0 }), recording(errorsOnly, { sampleRate: 0, sampleOnError: false })],
    });
    await callModel({ question: 'ok', answer: 'a' });
    await expect(callModel({ question: 'broken', answer: 'a', fail: true })).rejects.toThrow('model failed');
    withTags({ team: 'ops' }, () => submitForEvaluation({ spanContext: SPAN, question: 'x', answer: 'y', model: 'm', failed: true }));
    await engine.flush(1000);
    expect(sampled.map((context) => [context.question, context.failed, context.tags])).toEqual([
      ['broken', true, {}],
      ['x', true, { team: 'ops' }],
    ]);
    expect(errorsOnly).toEqual([]);
  });

  it("runs evaluators outside the submitting request's AsyncLocalStorage and span", async () => {
    setup.telemetry();
    const requestStore = new AsyncLocalStorage<string>();
    const observed: unknown[] = [];
    const engine = setup.engine({
      evaluators: [{ name: 'probe', evaluate: () => (observed.push(requestStore.getStore(), trace.getActiveSpan()), []) }],
    });
    await requestStore.run('request-42', () => callModel({ question: 'q', answer: 'a' }));
    await engine.flush(1000);
    expect(observed).toEqual([undefined, undefined]);
  });

  it('counts evaluators that throw or return invalid scores, and survives an onAlert that throws', async () => {
    const telemetry = setup.telemetry();
    const alerts: SightlineAlert[] = [];
    const engine = setup.engine({
      evaluators: [
        {
          name: 'throws',
          evaluate: () => {
            throw new Error('bug');
          },
        },
        {
          name: 'invalid',
          evaluate: () => [
            { name: 'over', value: 1.5, label: 'x' },
            { name: 'nan', value: Number.NaN, label: 'x' },
          ],
        },
        { name: 'breach', threshold: 0.5, evaluate: () => [{ name: 'low', value: 0.2, label: 'bad' }] },
      ],
      onAlert: (alert) => {
        alerts.push(alert);
        throw new Error('alert sink down');
      },
    });
    expect(await callModel({ question: 'q', answer: 'kept' })).toBe('kept');
    await engine.flush(1000);
    const errors = (reason: string, name: string) =>
      readInternalCounter(semconv.METRIC_SIGHTLINE_EVAL_ERRORS, {
        [semconv.ATTR_SIGHTLINE_REASON]: reason,
        [semconv.ATTR_GEN_AI_EVALUATION_NAME]: name,
      });
    expect([
      errors(semconv.REASON_EVAL_EVALUATOR_FAILED, 'throws'),
      errors(semconv.REASON_EVAL_OUT_OF_RANGE, 'over'),
      errors(semconv.REASON_MALFORMED, 'nan'),
    ]).toEqual([1, 1, 1]);
    expect(alerts.map((alert) => alert.kind)).toEqual(['quality_breach']);
    // The breach also marks the evaluated call's trace with a span under it, for tail sampling.
    const model = telemetry.spans().find((span) => span.name === 'chat gpt-4o');
    const breaches = telemetry.spans().filter((span) => span.name === semconv.SPAN_SIGHTLINE_EVAL_BREACH);
    expect(
      breaches.map((span) => ({ parent: span.parentSpanContext?.spanId, trace: span.spanContext().traceId, attributes: span.attributes })),
    ).toEqual([
      {
        parent: model?.spanContext().spanId,
        trace: model?.spanContext().traceId,
        attributes: {
          [semconv.ATTR_GEN_AI_EVALUATION_NAME]: 'low',
          [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: 'gpt-4o',
          [semconv.ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
          [semconv.ATTR_GEN_AI_EVALUATION_SCORE_VALUE]: 0.2,
          [semconv.ATTR_GEN_AI_EVALUATION_SCORE_LABEL]: 'bad',
          [semconv.ATTR_SIGHTLINE_EVAL_BREACH]: true,
          ...Object.fromEntries(
            Object.entries(model?.attributes ?? {}).filter(([key]) =>
              ['project', 'team', 'cost_center', 'feature', 'environment'].includes(key),
            ),
          ),
        },
      },
    ]);
    expect(evaluationRecords(telemetry.logs()).map((record) => record.attributes[semconv.ATTR_GEN_AI_EVALUATION_NAME])).toEqual(['low']);
  });

  it('shutdown waits up to its deadline, then drops and counts what is left, and unregisters', async () => {
    setup.telemetry();
    const hung: Evaluator = { name: 'hung', concurrency: 1, timeoutMs: 60_000, evaluate: () => new Promise(() => {}) };
    const engine = setup.engine({ evaluators: [hung] });
    for (let index = 0; index < 4; index++) submitForEvaluation({ spanContext: SPAN, question: 'q', answer: 'a', model: 'm' });
    expect(engine.stats()).toMatchObject({ queued: 3, running: 1 });
    const started = Date.now();
    await engine.flush(30);
    expect(Date.now() - started).toBeLessThan(1000);
    await engine.shutdown(30);
    expect(Date.now() - started).toBeLessThan(1000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(dropped(semconv.REASON_SHUT_DOWN)).toBe(4); // three queued, one abandoned while running
    expect(isEvaluationEnabled()).toBe(false);
    submitForEvaluation({ spanContext: SPAN, question: 'q', answer: 'a', model: 'm' }); // no engine: a no-op
    engine.submit({ spanContext: SPAN, question: 'q', answer: 'a', model: 'm' }); // held engine: dropped, counted
    expect(dropped(semconv.REASON_SHUT_DOWN)).toBe(5);
    expect(engine.stats()).toEqual({ queued: 0, running: 0, documentTraces: 0 });
  });
});

describe('evaluation without init', () => {
  it('evaluates and alerts with no SDK registered, recording into the no-op providers', async () => {
    expect(isEvaluationEnabled()).toBe(false);
    noteRetrievedDocuments('t', ['ignored']); // no engine: nothing is held
    const alerts: SightlineAlert[] = [];
    const engine = startEvaluations({
      evaluators: [{ name: 'low', threshold: 0.5, evaluate: () => [{ name: 'low', value: 0.1, label: 'bad' }] }],
      onAlert: (alert) => alerts.push(alert),
    });
    expect(isEvaluationEnabled()).toBe(true);
    expect(await callModel({ question: 'q', answer: 'a' })).toBe('a');
    await engine.shutdown(1000);
    expect(alerts).toMatchObject([{ kind: 'quality_breach', evaluationName: 'low', score: 0.1, tags: {} }]);
  });
});
