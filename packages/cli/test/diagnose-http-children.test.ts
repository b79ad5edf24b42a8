// An HTTP instrumentation's span under a model call, a vector query or an MCP call is that layer's
// time: with @opentelemetry/instrumentation-undici, a model call's own span covers little but its fetch.
import { SpanKind } from '@opentelemetry/api';
import { semconv } from '@sightline/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { diagnoseTrace } from '../src/index.js';
import { temporaryDirectory } from './support/run-cli.js';
import { generateTelemetry, modelCallSpan, T0 } from './support/telemetry-generator.js';

let dir: { path: string; remove(): Promise<void> };
let traceId = '';
beforeAll(async () => {
  dir = await temporaryDirectory('diagnose-http');
  await generateTelemetry(dir.path, (generator) => {
    const fetch = (startMs: number, durationMs: number) => ({ name: 'POST', kind: SpanKind.CLIENT, startMs, durationMs });
    const model = modelCallSpan({
      model: 'gpt-4o-mini',
      inputTokens: 10,
      outputTokens: 5,
      costUsd: 0.00001,
      startMs: T0 + 10,
      durationMs: 600,
    });
    const vector = {
      name: 'query docs',
      kind: SpanKind.CLIENT,
      startMs: T0 + 620,
      durationMs: 300,
      attributes: { [semconv.ATTR_DB_SYSTEM_NAME]: 'chroma' },
      children: [fetch(T0 + 625, 290)],
    };
    traceId = generator.spanTree({
      name: 'POST /ask',
      kind: SpanKind.SERVER,
      startMs: T0,
      durationMs: 1000,
      children: [{ ...model, children: [fetch(T0 + 15, 590)] }, vector],
    }).traceId;
  });
});
afterAll(() => dir.remove());

it('counts the fetch under a model call as model provider time and the one under a vector query as vector store time', async () => {
  const diagnosis = await diagnoseTrace({ dir: dir.path, traceId });
  const seconds = Object.fromEntries(diagnosis.layers.map((layer) => [layer.layer, Number(layer.seconds.toFixed(3))]));
  // 600 ms model call (590 ms of it its fetch), 300 ms vector query (290 ms its fetch), 100 ms of the handler's own.
  expect(seconds).toEqual({ 'model provider': 0.6, 'vector store': 0.3, 'MCP tool': 0, app: 0.1 });
  expect(diagnosis.criticalLayer.layer).toBe('model provider');
});
