// The request processor's bounds and edges, over plain OTel spans: what joins a request,
// what is never one, what is counted past the caps, and that nothing stays behind.
import { context, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { extractTraceContext, injectTraceContext, readInternalCounter, semconv, withTags } from '@sightline/core';
import { setupTestTelemetry, type MetricPoint, type TestTelemetry } from '../../testing/src/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluatorContextFor } from '../src/evaluation-hook/run-context.js';
import { ExemplarReservoir } from '../src/exporters/prometheus/exemplar-reservoir.js';
import { registerExemplarSink, unregisterExemplarSink } from '../src/metrics/exemplar-sink.js';
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
  readInternalCounter(semconv.METRIC_SIGHTLINE_TELEMETRY_DROPPED, {
    [semconv.ATTR_SIGHTLINE_SIGNAL]: 'metrics',
    [semconv.ATTR_SIGHTLINE_REASON]: reason,
  });
const counts = (points: MetricPoint[]) =>
  points.map(({ attributes, value }) => ({ attributes, count: (value as { count: number }).count, sum: (value as { sum: number }).sum }));
const outcome = (value: string): Attributes => ({ ...UNTAGGED, [semconv.ATTR_SIGHTLINE_REQUEST_OUTCOME]: value });

describe('what a request is', () => {
  it("an in-process callee whose remote parent is a span open here joins the caller's request", async () => {
    start();
    tracer().startActiveSpan('client', (client) => {
      const carrier: Record<string, string> = {};
      injectTraceContext(carrier);
      const callee = tracer().startSpan(
        'mcp server',
        { attributes: { [semconv.ATTR_SIGHTLINE_COST_USD]: 0.25 } },
        extractTraceContext(carrier),
      );
      expect(callee.spanContext().traceId).toBe(client.spanContext().traceId);
      callee.end();
      client.end();
    });
    expect(counts(await telemetry!.points(semconv.METRIC_SIGHTLINE_REQUEST_COST))).toEqual([
      { attributes: outcome('ok'), count: 1, sum: 0.25 },
    ]);
  });

  it('a judge call in the evaluator context is not a request', async () => {
    start();
    tracer().startSpan('chat judge', {}, evaluatorContextFor({})).end();
    expect(await telemetry!.points(semconv.METRIC_SIGHTLINE_REQUEST_DURATION)).toEqual([]);
  });

  it('a failed root is an error outcome with no failed layer; a failed vector span below it is the vector layer', async () => {
    start();
    const root = tracer().startSpan('GET /search');
    const query = tracer().startSpan(
      'query docs',
      { attributes: { [semconv.ATTR_DB_SYSTEM_NAME]: 'chroma' } },
      trace.setSpan(context.active(), root),
    );
    query.setStatus({ code: SpanStatusCode.ERROR });
    query.end();
    root.end();
    tracer().startSpan('GET /broken').setStatus({ code: SpanStatusCode.ERROR }).end();
    expect(
      counts(await telemetry!.points(semconv.METRIC_SIGHTLINE_REQUEST_DURATION)).map(({ attributes, count }) => ({ attributes, count })),
    ).toEqual([{ attributes: outcome('error'), count: 2 }]);
    expect(await telemetry!.points(semconv.METRIC_SIGHTLINE_REQUEST_ERRORS)).toEqual([
      { attributes: { ...UNTAGGED, [semconv.ATTR_SIGHTLINE_REQUEST_FAILED_LAYER]: semconv.REQUEST_LAYER_VECTOR }, value: 1 },
    ]);
  });

  it('an unpriced model call leaves the request without a cost, never a made-up $0; spans ending after the root are not counted', async () => {
    start();
    const root = tracer().startSpan('request');
    const parent = trace.setSpan(context.active(), root);
    tracer()
      .startSpan('chat x', { attributes: { [semconv.ATTR_GEN_AI_OPERATION_NAME]: 'chat' } }, parent)
      .end();
    const late = tracer().startSpan('chat late', { attributes: { [semconv.ATTR_GEN_AI_OPERATION_NAME]: 'chat' } }, parent);
    root.end();
    late.end();
    expect(await telemetry!.points(semconv.METRIC_SIGHTLINE_REQUEST_COST)).toEqual([]);
    expect(counts(await telemetry!.points(semconv.METRIC_SIGHTLINE_REQUEST_MODEL_CALLS))).toEqual([
      { attributes: outcome('ok'), count: 1, sum: 1 },
    ]);
  });
});

describe('tags and exemplars', () => {
  it('a root started outside withTags (an HTTP server span) takes the tags of the first tagged span inside it', async () => {
    start();
    const root = tracer().startSpan('GET /faq');
    context.with(trace.setSpan(context.active(), root), () =>
      withTags({ team: 'search' }, () => {
        tracer().startSpan('handler').end();
        withTags({ team: 'other' }, () => tracer().startSpan('later').end());
      }),
    );
    root.end();
    expect(
      counts(await telemetry!.points(semconv.METRIC_SIGHTLINE_REQUEST_DURATION)).map(({ attributes, count }) => ({ attributes, count })),
    ).toEqual([{ attributes: { ...outcome('ok'), team: 'search' }, count: 1 }]);
  });

  it('the exemplar of every request metric is the root span', () => {
    start();
    const reservoir = new ExemplarReservoir();
    registerExemplarSink(reservoir);
    try {
      const root = tracer().startSpan('request');
      const parent = trace.setSpan(context.active(), root);
      const call = tracer().startSpan(
        'chat',
        { attributes: { [semconv.ATTR_GEN_AI_OPERATION_NAME]: 'chat', [semconv.ATTR_SIGHTLINE_COST_USD]: 0.01 } },
        parent,
      );
      call.setStatus({ code: SpanStatusCode.ERROR });
      call.end();
      root.end();
      const { traceId, spanId } = root.spanContext();
      const error = outcome('error');
      const layer = { ...UNTAGGED, [semconv.ATTR_SIGHTLINE_REQUEST_FAILED_LAYER]: semconv.REQUEST_LAYER_MODEL };
      const linked = (name: string, attributes: Attributes) =>
        reservoir.exemplarsOf(name, attributes).map((one) => [one.traceId, one.spanId]);
      expect(linked(semconv.METRIC_SIGHTLINE_REQUEST_DURATION, error)).toEqual([[traceId, spanId]]);
      expect(linked(semconv.METRIC_SIGHTLINE_REQUEST_COST, error)).toEqual([[traceId, spanId]]);
      expect(linked(semconv.METRIC_SIGHTLINE_REQUEST_MODEL_CALLS, error)).toEqual([[traceId, spanId]]);
      expect(linked(semconv.METRIC_SIGHTLINE_REQUEST_ERRORS, layer)).toEqual([[traceId, spanId]]);
    } finally {
      unregisterExemplarSink(reservoir);
    }
  });
});

describe('bounded state', () => {
  it('never throws into the SDK: a broken span is warned about and skipped', () => {
    const processor = new RequestSpanProcessor();
    const broken = {
      get parentSpanContext(): never {
        throw new Error('bug');
      },
      spanContext(): never {
        throw new Error('bug');
      },
    };
    expect(() => processor.onStart(broken as never, context.active())).not.toThrow();
    expect(() => processor.onEnd(broken as never)).not.toThrow();
    expect(processor.trackedSpans).toBe(0);
  });

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

describe('the request cost on the root span', () => {
  const chat = (cost?: number): Attributes => ({
    [semconv.ATTR_GEN_AI_OPERATION_NAME]: 'chat',
    ...(cost === undefined ? {} : { [semconv.ATTR_SIGHTLINE_COST_USD]: cost }),
  });
  const rootCost = (name: string) =>
    telemetry!.spans().find((span) => span.name === name)?.attributes[semconv.ATTR_SIGHTLINE_REQUEST_COST_USD];

  it('is the sum of the calls below the root; absent below it, on a lone model call, an unpriced request and a request without model calls', async () => {
    start();
    const root = tracer().startSpan('agent');
    const parent = trace.setSpan(context.active(), root);
    tracer()
      .startSpan('chat a', { attributes: chat(0.25) }, parent)
      .end();
    tracer()
      .startSpan('chat b', { attributes: chat(0.5) }, parent)
      .end();
    root.end();
    tracer()
      .startSpan('chat alone', { attributes: chat(0.125) })
      .end();
    const unpriced = tracer().startSpan('unpriced');
    tracer().startSpan('chat c', { attributes: chat() }, trace.setSpan(context.active(), unpriced)).end();
    unpriced.end();
    tracer().startSpan('GET /health').end();
    expect({
      agent: rootCost('agent'),
      chatA: rootCost('chat a'),
      alone: rootCost('chat alone'),
      unpriced: rootCost('unpriced'),
      health: rootCost('GET /health'),
    }).toEqual({ agent: 0.75, chatA: undefined, alone: undefined, unpriced: undefined, health: undefined });
  });
});
