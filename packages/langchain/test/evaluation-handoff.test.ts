import { AIMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { semconv, type SightlineAlert } from '@sightline/core';
import { evaluations, llmJudge, type EvaluationContext, type Evaluator } from '@sightline/evaluation';
import { SightlineCallbackHandler } from '@sightline/langchain';
import { findSpan, setupTestTelemetry, type TestTelemetry } from '@sightline/testing';
import { createAgent } from 'langchain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerMessage, DocsRetriever, lookupTool, reportFakeModelAs, toolCallMessage } from './helpers.js';

let telemetry: TestTelemetry<never> | undefined;
let restoreModel: () => void;
beforeEach(() => {
  restoreModel = reportFakeModelAs('openai', 'gpt-4o-mini');
});
afterEach(async () => {
  restoreModel();
  await telemetry?.shutdown();
  telemetry = undefined;
});

function recording(seen: EvaluationContext[]): Evaluator {
  return {
    name: 'recording',
    evaluate(context) {
      seen.push(context);
      return [{ name: 'seen', value: 1, label: 'ok' }];
    },
  };
}

function runAgent(handler: SightlineCallbackHandler, question = 'what is otel?') {
  const model = fakeModel().respond(toolCallMessage('call_1', 'otel')).respond(answerMessage('answer about otel'));
  const agent = createAgent({ model, tools: [lookupTool(new DocsRetriever())], name: 'helper' });
  return telemetry!.obs.withTags({ team: 'search', feature: 'faq' } as never, () =>
    agent.invoke({ messages: [{ role: 'user', content: question }] }, { callbacks: [handler] }),
  );
}

describe('the handler hands model calls to the evaluators', () => {
  it('submits each model call with its question, answer, model, tags and the documents retrieved earlier in the trace', async () => {
    const seen: EvaluationContext[] = [];
    telemetry = setupTestTelemetry({ evaluation: evaluations({ evaluators: [recording(seen)] }) }) as unknown as TestTelemetry<never>;
    const handler = new SightlineCallbackHandler();
    await runAgent(handler);
    await telemetry.obs.forceFlush();

    const spans = telemetry.spans();
    const traceId = findSpan(spans, 'invoke_agent helper').spanContext().traceId;
    const common = {
      question: 'what is otel?',
      model: 'gpt-4o-mini',
      provider: 'openai',
      tags: { team: 'search', feature: 'faq' },
      traceId,
      responseId: undefined,
      failed: false,
    };
    // The first step only calls the tool: nothing to judge.
    expect(seen).toEqual([{ ...common, answer: 'answer about otel', documents: ['notes about otel'] }]);
    const modelSpanIds = spans
      .filter((span) => span.name === 'chat gpt-4o-mini')
      .map((span) => span.spanContext().spanId)
      .slice(1);
    const records = telemetry.logs().filter((record) => record.eventName === semconv.EVENT_GEN_AI_EVALUATION_RESULT);
    expect(records.map((record) => record.spanContext?.spanId)).toEqual(modelSpanIds);
  });

  it("does not evaluate the judge's own model calls, which are tagged as evaluation and start their own trace", async () => {
    const alerts: SightlineAlert[] = [];
    const handler = new SightlineCallbackHandler();
    const judgeModel = fakeModel().respond(new AIMessage('{"score": 0.3, "label": "off_topic", "explanation": "no answer"}'));
    telemetry = setupTestTelemetry({
      evaluation: evaluations({
        evaluators: [
          llmJudge({ judge: judgeModel.withConfig({ callbacks: [handler] }), criteria: ['relevance'], threshold: 0.5, concurrency: 1 }),
        ],
      }),
      onAlert: (alert) => alerts.push(alert),
    }) as unknown as TestTelemetry<never>;
    await runAgent(handler);
    await telemetry.obs.forceFlush();

    const spans = telemetry.spans();
    const agentTrace = findSpan(spans, 'invoke_agent helper').spanContext().traceId;
    const judgeSpans = spans.filter((span) => span.spanContext().traceId !== agentTrace);
    expect(judgeModel.callCount).toBe(1);
    expect(judgeSpans.map((span) => [span.name, span.attributes.feature, span.attributes.team])).toEqual([
      ['chat gpt-4o-mini', semconv.EVAL_FEATURE_TAG_VALUE, 'search'],
    ]);
    const records = telemetry.logs().filter((record) => record.eventName === semconv.EVENT_GEN_AI_EVALUATION_RESULT);
    expect(records.map((record) => [record.attributes[semconv.ATTR_GEN_AI_EVALUATION_SCORE_VALUE], record.spanContext?.traceId])).toEqual([
      [0.3, agentTrace],
    ]);
    expect(alerts.map((alert) => alert.kind)).toEqual(['quality_breach']);
  });

  it('holds no content and submits nothing when no evaluators are configured', async () => {
    telemetry = setupTestTelemetry() as unknown as TestTelemetry<never>;
    await runAgent(new SightlineCallbackHandler());
    await telemetry.obs.forceFlush();
    expect(telemetry.logs()).toEqual([]);
  });
});

describe('prompt fingerprints and budgets from the handler', () => {
  it('gives equal prompts one hash and a different prompt another (parameters and model: see core prompt-hash tests)', async () => {
    telemetry = setupTestTelemetry() as unknown as TestTelemetry<never>;
    const handler = new SightlineCallbackHandler();
    const model = fakeModel().respond(new AIMessage('a')).respond(new AIMessage('b')).respond(new AIMessage('c'));
    await model.invoke('What is   OTel?', { callbacks: [handler] });
    await model.invoke('What is OTel?\n', { callbacks: [handler] }); // whitespace differences are normalized away
    await model.invoke('What is a span?', { callbacks: [handler] });
    const hashes = telemetry.spans().map((span) => span.attributes[semconv.ATTR_SIGHTLINE_PROMPT_HASH]);
    expect(hashes).toHaveLength(3);
    expect(hashes[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(hashes[1]).toBe(hashes[0]);
    expect(hashes[2]).toMatch(/^[0-9a-f]{32}$/);
    expect(hashes[2]).not.toBe(hashes[0]);
  });

  it('accounts the cost of model calls against a budget of the calling team', async () => {
    const alerts: SightlineAlert[] = [];
    telemetry = setupTestTelemetry({
      budgets: [{ match: { team: 'search', provider: 'openai' }, usd: 0.0001, window: '1h' }],
      onAlert: (alert) => alerts.push(alert),
    }) as unknown as TestTelemetry<never>;
    await runAgent(new SightlineCallbackHandler()); // 0.000087 USD: 87 %
    expect(alerts.map((alert) => alert.kind === 'budget' && [alert.threshold, alert.spentUsd])).toEqual([[0.8, 0.000087]]);
  });
});
