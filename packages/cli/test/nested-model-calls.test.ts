// A model call that two instrumentations recorded (an outer model span and, inside it, another
// library's span of the same call) is one call in the report, with the outer span's cost.
import { join } from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import { semconv } from '@sightline/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildReport } from '../src/index.js';
import { temporaryDirectory } from './support/run-cli.js';
import { generateTelemetry, modelCallSpan, T0 } from './support/telemetry-generator.js';

let dir: { path: string; remove(): Promise<void> };
beforeAll(async () => {
  dir = await temporaryDirectory('nested-model-calls');
});
afterAll(() => dir.remove());

it('counts the outer model span only', async () => {
  const telemetry = join(dir.path, '.sightline');
  await generateTelemetry(telemetry, (generator) => {
    const outer = modelCallSpan({
      model: 'claude-sonnet-4-0',
      inputTokens: 100,
      outputTokens: 20,
      costUsd: 0.0006,
      startMs: T0,
      durationMs: 500,
    });
    const inner = {
      name: 'anthropic.messages.create',
      kind: SpanKind.CLIENT,
      startMs: T0 + 1,
      durationMs: 498,
      attributes: {
        [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_CHAT,
        [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'claude-sonnet-4-0',
        [semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 100,
        [semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 20,
      },
    };
    generator.spanTree(
      { name: 'POST /ask', startMs: T0, durationMs: 600, children: [{ ...outer, children: [inner] }] },
      { team: 'search' },
    );
  });
  const { report } = await buildReport({ dir: telemetry, by: ['team'] });
  expect(report.totals.modelCalls).toBe(1);
  expect(report.totals.inputTokens).toBe(100);
  expect(report.totals.costUsd).toBeCloseTo(0.0006, 12);
});
