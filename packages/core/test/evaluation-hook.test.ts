import { diag, type SpanContext } from '@opentelemetry/api';
import {
  isEvaluationEnabled,
  noteRetrievedDocuments,
  submitForEvaluation,
  type EvaluationEngine,
  type EvaluationInput,
  type EvaluationPlugin,
  type EvaluationServices,
  type SightlineAlert,
} from '@sightline/core';
import { afterEach, describe, expect, it } from 'vitest';
import { setupTestTelemetry, type TestTelemetry } from '../../testing/src/index.js';
import { captureDiag } from './support/faults.js';

// Core's side of the evaluation hand-off, with a plugin of the test's own: what init gives it, what
// reaches its engine, and the order of flush and shutdown. @sightline/evaluation's tests run the real engine.

const SPAN: SpanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 };

/** A plugin whose engine writes down every call it gets. */
function recordingPlugin(flushTimeoutMs?: number) {
  const calls: unknown[][] = [];
  const started: EvaluationServices[] = [];
  const engine: EvaluationEngine = {
    submit: (input: EvaluationInput) => void calls.push(['submit', input.answer]),
    noteRetrievedDocuments: (traceId, documents) => void calls.push(['note', traceId, documents]),
    flush: async (timeoutMs) => void calls.push(['flush', timeoutMs]),
    shutdown: async (timeoutMs) => void calls.push(['shutdown', timeoutMs]),
  };
  const plugin: EvaluationPlugin = {
    flushTimeoutMs,
    start: (services) => (started.push(services), engine),
  };
  return { plugin, calls, started };
}

describe('init({ evaluation }) with a plugin', () => {
  let telemetry: TestTelemetry<never> | undefined;
  afterEach(async () => {
    await telemetry?.shutdown();
    telemetry = undefined;
    diag.disable();
  });

  it("starts the plugin once with init's onAlert and captureContent, and routes the hand-off to its engine", () => {
    const onAlert = (_alert: SightlineAlert) => {};
    const { plugin, calls, started } = recordingPlugin();
    telemetry = setupTestTelemetry({ evaluation: plugin, onAlert, captureContent: true }) as unknown as TestTelemetry<never>;
    expect(started).toEqual([{ onAlert, captureContent: true }]);
    expect(isEvaluationEnabled()).toBe(true);
    submitForEvaluation({ spanContext: SPAN, question: 'q', answer: 'a', model: 'gpt-4o' });
    noteRetrievedDocuments(SPAN.traceId, ['doc']);
    expect(calls).toEqual([
      ['submit', 'a'],
      ['note', SPAN.traceId, ['doc']],
    ]);
  });

  it('flushes and shuts the engine down with its flushTimeoutMs, then unregisters it', async () => {
    const { plugin, calls } = recordingPlugin(1234);
    telemetry = setupTestTelemetry({ evaluation: plugin }) as unknown as TestTelemetry<never>;
    await telemetry.obs.forceFlush();
    await telemetry.shutdown();
    telemetry = undefined;
    expect(calls).toEqual([
      ['flush', 1234],
      ['shutdown', 1234],
    ]);
    expect(isEvaluationEnabled()).toBe(false);
    expect(() => submitForEvaluation({ spanContext: SPAN, question: 'q', answer: 'late', model: 'gpt-4o' })).not.toThrow();
    expect(calls).toHaveLength(2);
  });

  it('registers nothing when the plugin has nothing to evaluate', () => {
    telemetry = setupTestTelemetry({ evaluation: { start: () => undefined } }) as unknown as TestTelemetry<never>;
    expect(isEvaluationEnabled()).toBe(false);
  });

  it('warns once and runs without evaluation when the plugin throws as it starts', () => {
    const lines = captureDiag();
    const failing: EvaluationPlugin = {
      start: () => {
        throw new Error('no judge');
      },
    };
    telemetry = setupTestTelemetry({ evaluation: failing }) as unknown as TestTelemetry<never>;
    expect(isEvaluationEnabled()).toBe(false);
    expect(lines.filter((line) => line.includes('evaluation plugin failed to start'))).toHaveLength(1);
  });

  it('rejects init({ evaluators }) and a tuning object as evaluation, naming @sightline/evaluation', () => {
    expect(() => setupTestTelemetry({ evaluators: [] } as never)).toThrow(
      'init({ evaluators }) is no longer supported; evaluators moved to @sightline/evaluation: pass init({ evaluation: evaluations({ evaluators }) })',
    );
    expect(() => setupTestTelemetry({ evaluation: { flushTimeoutMs: 10 } } as never)).toThrow(
      /init\(\{ evaluation \}\) takes an evaluation plugin/,
    );
    expect(isEvaluationEnabled()).toBe(false);
  });
});
