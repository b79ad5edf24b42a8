import { fakeModel } from '@langchain/core/testing';
import { AIMessage } from '@langchain/core/messages';
import { readInternalCounter, semconv } from '@sightline/core';
import { llmJudge, type Evaluator, type JudgeFunction } from '@sightline/evaluation';
import { describe, expect, it } from 'vitest';
import { callModel, evaluationRecords, useEvaluationSetup } from './evaluation-fixtures.js';

// The garbage: NaN, 7 and "high", in every shape a judge can give them. evaluation-judge-failures.test.ts
// covers throws, hangs, refusals, 1.7 and prose; evaluation-engine.test.ts covers 1.5 and NaN from an evaluator.

function errorsFor(name: string): Record<string, number> {
  const reasons = [
    semconv.REASON_MALFORMED,
    semconv.REASON_EVAL_OUT_OF_RANGE,
    semconv.REASON_EVAL_REFUSED,
    semconv.REASON_EVAL_JUDGE_FAILED,
  ];
  const counts: Record<string, number> = {};
  for (const reason of reasons) {
    const count = readInternalCounter(semconv.METRIC_SIGHTLINE_EVAL_ERRORS, {
      [semconv.ATTR_SIGHTLINE_REASON]: reason,
      [semconv.ATTR_GEN_AI_EVALUATION_NAME]: name,
    });
    if (count > 0) counts[reason] = count;
  }
  return counts;
}

describe('a judge that returns NaN, 7 or "high"', () => {
  const setup = useEvaluationSetup();

  it('as reply text, as JSON, and as a non-string value: no score, each counted with its reason, the app result unchanged', async () => {
    const telemetry = setup.telemetry();
    const replies: unknown[] = [
      'NaN',
      '{"score": NaN}', // not JSON
      '{"score": "NaN"}',
      '7',
      '{"score": 7}',
      '{"score": "7"}',
      'high',
      '{"score": "high"}',
      '{"score": "high", "label": "high"}',
      Number.NaN, // a JavaScript judge that ignores its type
      7,
      undefined,
    ];
    let call = 0;
    const judge = (async () => replies[call++]) as unknown as JudgeFunction;
    const engine = setup.engine({ evaluators: [llmJudge({ judge, criteria: ['relevance'], threshold: 0.7, concurrency: 1 })] });

    const results: string[] = [];
    for (const index of replies.keys()) results.push(await callModel({ question: `q${index}`, answer: `answer ${index}` }));
    await engine.flush(5000);

    expect(results).toEqual(replies.map((_, index) => `answer ${index}`));
    expect(call).toBe(replies.length);
    expect(errorsFor('relevance')).toEqual({ [semconv.REASON_MALFORMED]: 9, [semconv.REASON_EVAL_OUT_OF_RANGE]: 3 });
    expect(evaluationRecords(telemetry.logs())).toEqual([]);
    expect(await telemetry.points(semconv.METRIC_SIGHTLINE_EVAL_SCORE)).toEqual([]);
    expect(await telemetry.points(semconv.METRIC_SIGHTLINE_EVAL_BREACHES)).toEqual([]);
    expect(engine.stats()).toEqual({ queued: 0, running: 0, documentTraces: 0 });
  });

  it('from a LangChain chat model (fakeModel): no score, counted, the app result unchanged', async () => {
    setup.telemetry();
    const model = fakeModel()
      .respond(new AIMessage('NaN'))
      .respond(new AIMessage('{"score": 7, "label": "great"}'))
      .respond(new AIMessage('{"score": "high"}'));
    const engine = setup.engine({ evaluators: [llmJudge({ judge: model, criteria: ['safety'], concurrency: 1 })] });
    const results = [];
    for (let index = 0; index < 3; index++) results.push(await callModel({ question: 'q', answer: `fine ${index}` }));
    await engine.flush(5000);
    expect(results).toEqual(['fine 0', 'fine 1', 'fine 2']);
    expect(model.callCount).toBe(3);
    expect(errorsFor('safety')).toEqual({ [semconv.REASON_MALFORMED]: 2, [semconv.REASON_EVAL_OUT_OF_RANGE]: 1 });
  });

  it("from a custom evaluator's score value: counted, never recorded, the other scores still are", async () => {
    const telemetry = setup.telemetry();
    const garbage: Evaluator = {
      name: 'custom',
      evaluate: () => [
        { name: 'as_nan', value: Number.NaN, label: 'x' },
        { name: 'as_seven', value: 7, label: 'x' },
        { name: 'as_high', value: 'high' as unknown as number, label: 'high' },
        { name: 'fine', value: 0.9, label: 'pass' },
      ],
    };
    const engine = setup.engine({ evaluators: [garbage] });
    expect(await callModel({ question: 'q', answer: 'kept' })).toBe('kept');
    await engine.flush(5000);
    expect([errorsFor('as_nan'), errorsFor('as_seven'), errorsFor('as_high')]).toEqual([
      { [semconv.REASON_MALFORMED]: 1 },
      { [semconv.REASON_EVAL_OUT_OF_RANGE]: 1 },
      { [semconv.REASON_MALFORMED]: 1 },
    ]);
    expect(evaluationRecords(telemetry.logs()).map((record) => record.attributes[semconv.ATTR_GEN_AI_EVALUATION_NAME])).toEqual(['fine']);
  });
});
