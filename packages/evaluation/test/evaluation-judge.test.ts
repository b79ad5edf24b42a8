import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { getTags, noteRetrievedDocuments, semconv, type SightlineAlert } from '@sightline/core';
import { llmJudge } from '@sightline/evaluation';
import { expectTree } from '../../testing/src/index.js';
import { describe, expect, it } from 'vitest';
import { evaluationRecords, ragCall, tagsWith, useEvaluationSetup } from './evaluation-fixtures.js';

const DOCUMENTS = ['Paris is the capital of France.', 'France is a country in Western Europe.'];
const GROUNDED = 'Paris is the capital of France.';
const UNGROUNDED = 'The capital of France is Lyon, with 9 million inhabitants.';

/** A real LangChain chat model as judge: it grades by checking the answer against the documents in its prompt. */
function groundednessJudge(calls: number, seenTags: unknown[]) {
  const grade = (messages: BaseMessage[]) => {
    seenTags.push(getTags());
    const prompt = String(messages.at(-1)?.content);
    const answer = /Answer:\n<<<\n([\s\S]*?)\n>>>/.exec(prompt)?.[1] ?? '';
    const documents = /Retrieved documents:\n([\s\S]*?)\n\nAnswer:/.exec(prompt)?.[1] ?? '';
    const grounded = answer !== '' && documents.includes(answer);
    return new AIMessage(
      grounded
        ? '```json\n{"score": 0.95, "label": "Grounded", "explanation": "The answer restates document 1."}\n```'
        : 'Here is my verdict: {"score": 0.1, "label": "ungrounded", "explanation": "Lyon is not in the documents."}',
    );
  };
  const model = fakeModel();
  for (let index = 0; index < calls; index++) model.respond(grade);
  return model;
}

describe('llmJudge with a LangChain chat model', () => {
  const setup = useEvaluationSetup();

  it('scores a grounded answer high and an ungrounded one low, as log records parented to the model span, histograms and a breach', async () => {
    const telemetry = setup.telemetry();
    const seenTags: unknown[] = [];
    const judge = groundednessJudge(2, seenTags);
    const alerts: SightlineAlert[] = [];
    const engine = setup.engine({
      evaluators: [llmJudge({ judge, criteria: ['groundedness'], threshold: 0.7 })],
      onAlert: (alert) => alerts.push(alert),
    });

    const good = await ragCall(
      { team: 'search', feature: 'faq' },
      DOCUMENTS,
      { question: 'What is the capital of France?', answer: GROUNDED, responseId: 'resp-good' },
      noteRetrievedDocuments,
    );
    const bad = await ragCall(
      { team: 'search', feature: 'chat' },
      DOCUMENTS,
      { question: 'What is the capital of France?', answer: UNGROUNDED, responseId: 'resp-bad' },
      noteRetrievedDocuments,
    );
    expect(good.result).toBe(GROUNDED);
    expect(bad.result).toBe(UNGROUNDED);
    await engine.flush(5000);

    expect(judge.callCount).toBe(2);
    // The judge's own call is attributed to evaluation, on top of the evaluated call's tags.
    expect(seenTags).toEqual([
      { team: 'search', feature: semconv.EVAL_FEATURE_TAG_VALUE },
      { team: 'search', feature: semconv.EVAL_FEATURE_TAG_VALUE },
    ]);
    expect(String(judge.calls[0]?.messages.at(-1)?.content)).toContain('[1] <<<\nParis is the capital of France.\n>>>');

    const records = evaluationRecords(telemetry.logs());
    expect(records.map((record) => record.spanContext?.spanId)).toEqual([
      good.modelSpan.spanContext().spanId,
      bad.modelSpan.spanContext().spanId,
    ]);
    expect(records.map((record) => record.spanContext?.traceId)).toEqual([
      good.modelSpan.spanContext().traceId,
      bad.modelSpan.spanContext().traceId,
    ]);
    const common = {
      [semconv.ATTR_GEN_AI_EVALUATION_NAME]: 'groundedness',
      [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: 'gpt-4o',
      [semconv.ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
    };
    // No explanation: a judge's reasoning may quote the answer, and content capture is off.
    expect(records.map((record) => record.attributes)).toEqual([
      {
        ...common,
        [semconv.ATTR_GEN_AI_EVALUATION_SCORE_VALUE]: 0.95,
        [semconv.ATTR_GEN_AI_EVALUATION_SCORE_LABEL]: 'grounded',
        [semconv.ATTR_GEN_AI_RESPONSE_ID]: 'resp-good',
        ...tagsWith({ team: 'search', feature: 'faq' }),
      },
      {
        ...common,
        [semconv.ATTR_GEN_AI_EVALUATION_SCORE_VALUE]: 0.1,
        [semconv.ATTR_GEN_AI_EVALUATION_SCORE_LABEL]: 'ungrounded',
        [semconv.ATTR_GEN_AI_RESPONSE_ID]: 'resp-bad',
        ...tagsWith({ team: 'search', feature: 'chat' }),
      },
    ]);

    const scores = await telemetry.points(semconv.METRIC_SIGHTLINE_EVAL_SCORE);
    expect(scores.map((point) => point.attributes)).toEqual([
      { ...common, ...tagsWith({ team: 'search', feature: 'faq' }) },
      { ...common, ...tagsWith({ team: 'search', feature: 'chat' }) },
    ]);
    expect(scores.map((point) => point.value)).toMatchObject([
      { count: 1, sum: 0.95, buckets: { boundaries: semconv.SCORE_BUCKETS } },
      { count: 1, sum: 0.1 },
    ]);
    expect(await telemetry.points(semconv.METRIC_SIGHTLINE_EVAL_BREACHES)).toEqual([
      { attributes: { ...common, ...tagsWith({ team: 'search', feature: 'chat' }) }, value: 1 },
    ]);
    expect(alerts).toEqual([
      {
        kind: 'quality_breach',
        evaluationName: 'groundedness',
        score: 0.1,
        threshold: 0.7,
        label: 'ungrounded',
        model: 'gpt-4o',
        provider: 'openai',
        tags: { team: 'search', feature: 'chat' },
        traceId: bad.modelSpan.spanContext().traceId,
        spanId: bad.modelSpan.spanContext().spanId,
        responseId: 'resp-bad',
      },
    ]);

    // Evaluation adds no spans to the user's trace, and the documents never reach an exporter.
    expectTree(telemetry.spans(), [
      { name: 'invoke_agent rag', children: [{ name: 'retrieval docs' }, { name: 'chat gpt-4o' }] },
      { name: 'invoke_agent rag', children: [{ name: 'retrieval docs' }, { name: 'chat gpt-4o' }] },
    ]);
    const exported = JSON.stringify([telemetry.spans().map((span) => span.attributes), records.map((r) => [r.attributes, r.body])]);
    expect(exported).not.toContain('Western Europe');
    expect(exported).not.toContain('Lyon');
  });

  it('exports the judge explanation only with content capture on', async () => {
    const telemetry = setup.telemetry(true);
    const judge = groundednessJudge(1, []);
    const engine = setup.engine({ evaluators: [llmJudge({ judge, criteria: ['groundedness'] })] });
    await ragCall({ team: 'search' }, DOCUMENTS, { question: 'Capital?', answer: UNGROUNDED }, noteRetrievedDocuments);
    await engine.flush(5000);
    const [record] = evaluationRecords(telemetry.logs());
    expect(record?.attributes[semconv.ATTR_GEN_AI_EVALUATION_EXPLANATION]).toBe('Lyon is not in the documents.');
  });

  it('runs every criterion (built-in and custom), skipping groundedness when the trace retrieved nothing', async () => {
    const telemetry = setup.telemetry();
    const prompts: string[] = [];
    const judge = async (prompt: string) => {
      prompts.push(prompt);
      return '{"score": 0.8}';
    };
    const engine = setup.engine({
      evaluators: [
        llmJudge({
          judge,
          criteria: ['groundedness', 'factual_accuracy', 'safety', 'bias', 'relevance', { name: 'politeness', rubric: 'Is it polite?' }],
          threshold: 0.5,
        }),
      ],
    });
    await ragCall({ team: 'search' }, [], { question: 'Hi?', answer: 'Hello!' }, () => {});
    await engine.flush(5000);
    const records = evaluationRecords(telemetry.logs());
    expect(records.map((record) => record.attributes[semconv.ATTR_GEN_AI_EVALUATION_NAME])).toEqual([
      'factual_accuracy',
      'safety',
      'bias',
      'relevance',
      'politeness',
    ]);
    expect(records.map((record) => record.attributes[semconv.ATTR_GEN_AI_EVALUATION_SCORE_LABEL])).toEqual(Array(5).fill('pass'));
    expect(prompts[4]).toContain('Rubric: Is it polite?');
    expect(prompts[4]).not.toContain('Retrieved documents');
  });
});
