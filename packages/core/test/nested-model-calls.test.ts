// One model call seen by two instrumentations (LangChain's ChatAnthropic over the Anthropic SDK's own
// span, or any gen_ai instrumentation below Sightline's model span) is one call: the outer span counts it.
import { SpanKind, trace, type Attributes, type SpanOptions } from '@opentelemetry/api';
import { semconv } from '@sightline/core';
import { setupTestTelemetry } from '../../testing/src/index.js';
import { afterEach, expect, it } from 'vitest';

let telemetry: ReturnType<typeof setupTestTelemetry> | undefined;
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});

/** A model call's span options: a CLIENT span with the chat operation (and a cost, when given). */
const chat = (cost?: number): SpanOptions => ({
  kind: SpanKind.CLIENT,
  attributes: {
    [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_CHAT,
    ...(cost === undefined ? {} : { [semconv.ATTR_SIGHTLINE_COST_USD]: cost }),
  } satisfies Attributes,
});

it('marks the inner model span nested and counts the call once, with the outer cost, in the request metrics', async () => {
  telemetry = setupTestTelemetry();
  const tracer = trace.getTracer('test');
  tracer.startActiveSpan('POST /ask', (root) => {
    tracer.startActiveSpan('chat claude-sonnet-4-0', chat(), (outer) => {
      // The inner span has no cost of its own (an SDK's span); the outer one is priced as it ends.
      tracer.startSpan('anthropic.messages.create', chat()).end();
      outer.setAttribute(semconv.ATTR_SIGHTLINE_COST_USD, 0.5);
      outer.end();
    });
    root.end();
  });
  const byName = new Map(telemetry.spans().map((span) => [span.name, span]));
  expect(byName.get('anthropic.messages.create')?.attributes[semconv.ATTR_SIGHTLINE_MODEL_CALL_NESTED]).toBe(true);
  expect(byName.get('chat claude-sonnet-4-0')?.attributes[semconv.ATTR_SIGHTLINE_MODEL_CALL_NESTED]).toBeUndefined();
  // Priced, and counted once: the unpriced inner span does not make the request's cost unknown.
  expect(byName.get('POST /ask')?.attributes[semconv.ATTR_SIGHTLINE_REQUEST_COST_USD]).toBe(0.5);
  const calls = await telemetry.points(semconv.METRIC_SIGHTLINE_REQUEST_MODEL_CALLS);
  expect(calls.map(({ value }) => (value as { sum: number }).sum)).toEqual([1]);
});

it('leaves sibling model calls and a model call under a tool alone', () => {
  telemetry = setupTestTelemetry();
  const tracer = trace.getTracer('test');
  tracer.startActiveSpan('POST /ask', (root) => {
    tracer.startSpan('chat a', chat(0.1)).end();
    tracer.startActiveSpan(
      'execute_tool t',
      { attributes: { [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_EXECUTE_TOOL } },
      (tool) => {
        tracer.startSpan('chat b', chat(0.2)).end();
        tool.end();
      },
    );
    root.end();
  });
  for (const span of telemetry.spans()) expect(span.attributes[semconv.ATTR_SIGHTLINE_MODEL_CALL_NESTED], span.name).toBeUndefined();
});
