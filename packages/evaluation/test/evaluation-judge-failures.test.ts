import { fakeModel } from '@langchain/core/testing';
import { readInternalCounter, semconv } from '@sightline/core';
import { chatModelJudge, llmJudge, type JudgeFunction } from '@sightline/evaluation';
import { afterEach, describe, expect, it } from 'vitest';
import { callModel, evaluationRecords, useEvaluationSetup } from './evaluation-fixtures.js';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

function errorCount(reason: string, name = 'relevance'): number {
  return readInternalCounter(semconv.METRIC_SIGHTLINE_EVAL_ERRORS, {
    [semconv.ATTR_SIGHTLINE_REASON]: reason,
    [semconv.ATTR_GEN_AI_EVALUATION_NAME]: name,
  });
}

describe('llmJudge with a misbehaving judge', () => {
  const setup = useEvaluationSetup();
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('gives no score for garbage, a refusal, 1.7, a throw and a hang; counts each reason; the app result is unchanged', async () => {
    process.on('unhandledRejection', onUnhandled);
    unhandled.length = 0;
    const telemetry = setup.telemetry();
    const behaviours: JudgeFunction[] = [
      async () => 'Sure! The answer looks {great, score: high}',
      async () => "I'm sorry, but I can't help with evaluating that.",
      async () => '{"score": 1.7, "label": "excellent"}',
      async () => {
        throw new Error('judge backend down');
      },
      () => {
        throw new TypeError('judge threw synchronously');
      },
      () => new Promise<string>(() => {}), // hangs past timeoutMs
      async () => Promise.reject(new Error('late failure')),
    ];
    let call = 0;
    const judge: JudgeFunction = (prompt, options) => (behaviours[call++] as JudgeFunction)(prompt, options);
    const engine = setup.engine({
      evaluators: [llmJudge({ judge, criteria: ['relevance'], timeoutMs: 50, threshold: 0.7, concurrency: 1 })],
    });

    const results: string[] = [];
    for (let index = 0; index < behaviours.length; index++) {
      results.push(await callModel({ question: `q${index}`, answer: `answer ${index}` }));
    }
    await engine.flush(5000);

    expect(results).toEqual(behaviours.map((_, index) => `answer ${index}`));
    expect(call).toBe(behaviours.length);
    expect(evaluationRecords(telemetry.logs())).toEqual([]);
    expect(await telemetry.points(semconv.METRIC_SIGHTLINE_EVAL_SCORE)).toEqual([]);
    expect(await telemetry.points(semconv.METRIC_SIGHTLINE_EVAL_BREACHES)).toEqual([]);
    expect({
      malformed: errorCount(semconv.REASON_MALFORMED),
      refused: errorCount(semconv.REASON_EVAL_REFUSED),
      outOfRange: errorCount(semconv.REASON_EVAL_OUT_OF_RANGE),
      judgeFailed: errorCount(semconv.REASON_EVAL_JUDGE_FAILED),
      timeout: errorCount(semconv.REASON_EVAL_TIMEOUT),
    }).toEqual({ malformed: 1, refused: 1, outOfRange: 1, judgeFailed: 3, timeout: 1 });
    expect((await telemetry.points(semconv.METRIC_SIGHTLINE_EVAL_ERRORS)).length).toBe(5);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
  });

  it('reads score replies robustly: fenced, in prose, as a string, as a bare number, from content blocks', async () => {
    const telemetry = setup.telemetry();
    const replies = ['```json\n{"score": 0.4}\n```', 'Verdict follows. {"score": "0.6", "label": "OK!"} Thanks.', '1', '{"rating": 0}'];
    let call = 0;
    const blocksModel = {
      async invoke() {
        return { content: [{ type: 'text', text: replies[call++] as string }] };
      },
    };
    const engine = setup.engine({ evaluators: [llmJudge({ judge: blocksModel, criteria: ['relevance'], concurrency: 1 })] });
    for (const index of replies.keys()) await callModel({ question: 'q', answer: `a${index}` });
    await engine.flush(5000);
    const records = evaluationRecords(telemetry.logs());
    expect(
      records.map((record) => [
        record.attributes[semconv.ATTR_GEN_AI_EVALUATION_SCORE_VALUE],
        record.attributes[semconv.ATTR_GEN_AI_EVALUATION_SCORE_LABEL],
      ]),
    ).toEqual([
      [0.4, 'fail'],
      [0.6, 'ok'],
      [1, 'pass'],
      [0, 'fail'],
    ]);
  });

  it('counts a LangChain judge that throws, and passes the abort signal to a chat model that hangs', async () => {
    setup.telemetry();
    const throwing = fakeModel().respond(new Error('rate limited'));
    let receivedSignal: AbortSignal | undefined;
    const hanging = {
      invoke(_messages: unknown, options?: { signal?: AbortSignal }) {
        receivedSignal = options?.signal;
        return new Promise<{ content: string }>(() => {});
      },
    };
    const engine = setup.engine({
      evaluators: [
        llmJudge({ judge: throwing, criteria: ['safety'] }),
        llmJudge({ judge: chatModelJudge(hanging), criteria: ['bias'], timeoutMs: 30 }),
      ],
    });
    const result = await callModel({ question: 'q', answer: 'fine' });
    await engine.flush(5000);
    expect(result).toBe('fine');
    expect(throwing.callCount).toBe(1);
    expect(errorCount(semconv.REASON_EVAL_JUDGE_FAILED, 'safety')).toBe(1);
    expect(errorCount(semconv.REASON_EVAL_TIMEOUT, 'bias')).toBe(1);
    expect(receivedSignal?.aborted).toBe(true);
    expect(engine.stats()).toEqual({ queued: 0, running: 0, documentTraces: 0 });
  });
});
