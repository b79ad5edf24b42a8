// The request processor's bounds and edges, over plain OTel spans: what joins a request,
// what is never one, what is counted past the caps, and that nothing stays behind.
import { context, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { extractTraceContext, injectTraceContext, readInternalCounter, semconv } from '@sightline/core';
import { setupTestTelemetry, type MetricPoint, type TestTelemetry } from '../../testing/src/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluatorContextFor } from '../src/evaluation/eval-context.js';
import { RequestSpanProcessor, type RequestLimits } from '../src/processors/request-span-processor.js';

let telemetry: TestTelemetry<never> | undefined;
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});

/** Metrics come from init's own processor; a second one, with its own limits, shows its state (its metrics would double init's). */
function start(): void {
  telemetry = setupTestTelemetry() as unknown as TestTelemetry<never>;
}
function startWithProcessor(limits: RequestLimits = {}): RequestSpanProcessor {
  const processor = new RequestSpanProcessor(limits);
  telemetry = setupTestTelemetry({ pipelines: { spanProcessors: [processor] } }) as unknown as TestTelemetry<never>;
  return processor;
}

const tracer = () => trace.getTracer('test');
const UNTAGGED = { project: 'untagged', team: 'untagged', cost_center: 'untagged', feature: 'untagged', environment: 'untagged' };
const dropped = (reason: string) =>
  readInternalCounter(semconv.METRIC_SIGHTLINE_TELEMETRY_DROPPED, { [semconv.ATTR_SIGHTLINE_SIGNAL]: 'metrics', [semconv.ATTR_SIGHTLINE_REASON]: reason });
const counts = (points: MetricPoint[]) =>
  points.map(({ attributes, value }) => ({ attributes, count: (value as { count: number }).count, sum: (value as { sum: number }).sum }));
const outcome = (value: string): Attributes => ({ ...UNTAGGED, [semconv.ATTR_SIGHTLINE_REQUEST_OUTCOME]: value });

describe('what a request is', () => {
  it('an in-process callee whose remote parent is a span open here joins the caller\'s request', async () => {
    start();
    tracer().startActiveSpan('client', (client) => {
      const carrier: Record<string, string> = {};
      injectTraceContext(carrier);
      const callee = tracer().startSpan('mcp server', { attributes: { [semconv.ATTR_SIGHTLINE_COST_USD]: 0.25 } }, extractTraceContext(carrier));
      expect(callee.spanContext().traceId).toBe(client.spanContext().traceId);
      callee.end();
      client.end();
    });
    expect(counts(await telemetry!.points(semconv.METRIC_SIGHTLINE_REQUEST_COST))).toEqual([{ attributes: outcome('ok'), count: 1, sum: 0.25 }]);
  });

  it('a judge call in the evaluator context is not a request', async () => {
    start();
    tracer().startSpan('chat judge', {}, evaluatorContextFor({})).end();
    expect(await telemetry!.points(semconv.METRIC_SIGHTLINE_REQUEST_DURATION)).toEqual([]);
  });

  it('a failed root is an error outcome with no failed layer; a failed vector span below it is the vector layer', async () => {
    start();
    const root = tracer().startSpan('GET /search');
    const query = tracer().startSpan('query docs', { attributes: { [semconv.ATTR_DB_SYSTEM_NAME]: 'chroma' } }, trace.setSpan(context.active(), root));
    query.setStatus({ code: SpanStatusCode.ERROR });
    query.end();
    root.end();
    tracer().startSpan('GET /broken').setStatus({ code: SpanStatusCode.ERROR }).end();
    expect(counts(await telemetry!.points(semconv.METRIC_SIGHTLINE_REQUEST_DURATION)).map(({ attributes, count }) => ({ attributes, count })))
      .toEqual([{ attributes: outcome('error'), count: 2 }]);
    expect(await telemetry!.points(semconv.METRIC_SIGHTLINE_REQUEST_ERRORS)).toEqual([
      { attributes: { ...UNTAGGED, [semconv.ATTR_SIGHTLINE_REQUEST_FAILED_LAYER]: semconv.REQUEST_LAYER_VECTOR }, value: 1 },
    ]);
  });

  it('an unpriced model call leaves the request without a cost, never a made-up $0; spans ending after the root are not counted', async () => {
    start();
    const root = tracer().startSpan('request');
    const parent = trace.setSpan(context.active(), root);
    tracer().startSpan('chat x', { attributes: { [semconv.ATTR_GEN_AI_OPERATION_NAME]: 'chat' } }, parent).end();
    const late = tracer().startSpan('chat late', { attributes: { [semconv.ATTR_GEN_AI_OPERATION_NAME]: 'chat' } }, parent);
    root.end();
    late.end();
    expect(await telemetry!.points(semconv.METRIC_SIGHTLINE_REQUEST_COST)).toEqual([]);
    expect(counts(await telemetry!.points(semconv.METRIC_SIGHTLINE_REQUEST_MODEL_CALLS))).toEqual([{ attributes: outcome('ok'), count: 1, sum: 1 }]);
  });
});

describe('bounded state', () => {
  it('a request whose root never ends leaves no state after shutdown', async () => {
    const processor = startWithProcessor();
    const root = tracer().startSpan('forgotten');
    tracer().startSpan('child', {}, trace.setSpan(context.active(), root));
    expect(processor.trackedSpans).toBe(2);
    await telemetry!.shutdown();
    expect(processor.trackedSpans).toBe(0);
    telemetry = undefined;
  });

  it('counts requests past the open-request cap, and spans past the tracked-span cap, as dropped', () => {
    const processor = startWithProcessor({ maxOpenRequests: 1, maxTrackedSpans: 2 });
    const first = tracer().startSpan('first');
    tracer().startSpan('second').end();
    expect(dropped(semconv.REASON_TOO_MANY_OPEN_REQUESTS)).toBe(1);
    const parent = trace.setSpan(context.active(), first);
    const kept = tracer().startSpan('kept', {}, parent);
    tracer().startSpan('over', {}, parent).end();
    expect(dropped(semconv.REASON_TOO_MANY_TRACKED_SPANS)).toBe(1);
    expect(processor.trackedSpans).toBe(2);
    kept.end();
    first.end();
    expect(processor.trackedSpans).toBe(0);
  });
});
