import { SpanKind, type Span } from '@opentelemetry/api';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { getTags, semconv, submitForEvaluation, traced, withTags, type TagInput } from '@sightline/core';
import { startEvaluations, type EvaluationPipeline, type EvaluationOptions } from '@sightline/evaluation';
import { setupTestTelemetry, type TestTelemetry } from '../../testing/src/index.js';
import { afterEach } from 'vitest';

/** Shared by the evaluation-*.test.ts files: a test init and a model call that submits like an integration does. */
export const UNTAGGED = semconv.UNTAGGED_VALUE;

export function startTelemetry(captureContent = false): TestTelemetry<never> {
  return setupTestTelemetry({ defaultTags: { environment: 'dev' }, captureContent }) as unknown as TestTelemetry<never>;
}

export interface EvaluationSetup {
  telemetry(captureContent?: boolean): TestTelemetry<never>;
  engine(options: EvaluationOptions): EvaluationPipeline;
}

/**
 * Call inside a describe block: what `telemetry()` and `engine()` start is torn down
 * after each test — the engine first (within `engineShutdownMs`), so its last
 * records still reach the test exporters, then the telemetry.
 */
export function useEvaluationSetup(engineShutdownMs = 1000): EvaluationSetup {
  let telemetry: TestTelemetry<never> | undefined;
  let engine: EvaluationPipeline | undefined;
  afterEach(async () => {
    await engine?.shutdown(engineShutdownMs);
    await telemetry?.shutdown();
    engine = telemetry = undefined;
  });
  return {
    telemetry: (captureContent) => (telemetry = startTelemetry(captureContent)),
    engine: (options) => (engine = startEvaluations(options)),
  };
}

export interface ModelCall {
  question: string;
  answer: string;
  model?: string;
  responseId?: string;
  /** The call throws instead of answering. */
  fail?: boolean;
}

/**
 * A `chat {model}` span around a fake model call that submits for evaluation as
 * it ends, the way the LangChain handler does. Returns the app's own result.
 */
export function callModel(call: ModelCall, onSpan?: (span: Span) => void): Promise<string> {
  const model = call.model ?? 'gpt-4o';
  return traced(
    { scope: 'test-integration', name: `chat ${model}`, kind: SpanKind.CLIENT },
    async (span) => {
      onSpan?.(span);
      await Promise.resolve();
      if (call.fail) throw new Error('model failed');
      return call.answer;
    },
    {
      onEnd(span, outcome) {
        submitForEvaluation({
          spanContext: span.spanContext(),
          question: call.question,
          answer: call.answer,
          model,
          provider: 'openai',
          tags: getTags(),
          responseId: call.responseId,
          failed: outcome.error !== undefined,
        });
      },
    },
  );
}

/** A trace of agent → retrieval (noting its documents) → model call. */
export async function ragCall(
  tags: TagInput,
  documents: readonly string[],
  call: ModelCall,
  note: (traceId: string, documents: readonly string[]) => void,
): Promise<{ result: string; modelSpan: Span }> {
  let modelSpan: Span | undefined;
  const result = await withTags(tags, () =>
    traced({ scope: 'test-integration', name: 'invoke_agent rag' }, async () => {
      await traced({ scope: 'test-integration', name: 'retrieval docs' }, async (span) => {
        note(span.spanContext().traceId, documents);
      });
      return callModel(call, (span) => (modelSpan = span));
    }),
  );
  if (modelSpan === undefined) throw new Error('the model call started no span');
  return { result, modelSpan };
}

export function evaluationRecords(logs: readonly ReadableLogRecord[]): ReadableLogRecord[] {
  return logs.filter((record) => record.eventName === semconv.EVENT_GEN_AI_EVALUATION_RESULT);
}

export function tagsWith(overrides: Record<string, string>): Record<string, string> {
  return { project: UNTAGGED, team: UNTAGGED, cost_center: UNTAGGED, feature: UNTAGGED, environment: 'dev', ...overrides };
}
