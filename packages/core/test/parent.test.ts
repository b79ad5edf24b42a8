import { context, ROOT_CONTEXT, trace, type Span } from '@opentelemetry/api';
import { registerParentResolver, resolveParentContext, traced } from '@sightline/core';
import { expectTree, setupTestTelemetry, type TestTelemetry } from '../../testing/src/index.js';
import { afterEach, expect, it } from 'vitest';

let telemetry: TestTelemetry<never> | undefined;
let unregister: (() => void) | undefined;
afterEach(async () => {
  unregister?.();
  await telemetry?.shutdown();
});

function start() {
  telemetry = setupTestTelemetry() as unknown as TestTelemetry<never>;
  return telemetry;
}

/** A stand-in for an integration that tracks its runs outside the OTel context. */
function fakeRunTracker() {
  let current: Span | undefined;
  unregister = registerParentResolver((active) => (current ? trace.setSpan(active, current) : undefined));
  return { set: (span: Span | undefined) => (current = span) };
}

it('parents new spans to the run a resolver reports when it is newer than the active span', async () => {
  start();
  const runs = fakeRunTracker();
  const tracer = trace.getTracer('app');
  await tracer.startActiveSpan('http request', async (request) => {
    const run = tracer.startSpan('execute_tool lookup'); // started by a callback, not made active
    runs.set(run);
    await traced({ scope: 'test', name: 'tools/call lookup' }, async () => {
      await traced({ scope: 'test', name: 'inner' }, async () => undefined);
    });
    runs.set(undefined);
    run.end();
    request.end();
  });
  expectTree(telemetry!.spans(), {
    name: 'http request',
    children: [{ name: 'execute_tool lookup', children: [{ name: 'tools/call lookup', children: [{ name: 'inner' }] }] }],
  });
});

it('keeps the active span when the resolver span is older, and survives a throwing resolver', () => {
  start();
  const tracer = trace.getTracer('app');
  const old = tracer.startSpan('old run');
  unregister = registerParentResolver(() => {
    throw new Error('resolver bug');
  });
  const keep = registerParentResolver((active) => trace.setSpan(active, old));
  tracer.startActiveSpan('newer active', (active) => {
    expect(trace.getSpan(resolveParentContext())).toBe(active);
    active.end();
  });
  expect(trace.getSpan(resolveParentContext(ROOT_CONTEXT))).toBe(old);
  keep();
  old.end();
});

it('traced() returns the same value, promise and error, and ends the span once', async () => {
  start();
  const promise = Promise.resolve(42);
  expect(traced({ scope: 'test', name: 'same promise' }, () => promise)).toBe(promise);
  const error = new TypeError('user bug');
  expect(() =>
    traced({ scope: 'test', name: 'throws' }, () => {
      throw error;
    }),
  ).toThrow(error);
  const rejection = new RangeError('async user bug');
  await expect(
    traced({ scope: 'test', name: 'rejects' }, async () => {
      throw rejection;
    }),
  ).rejects.toBe(rejection);
  const result = traced({ scope: 'test', name: 'hook throws' }, () => 'value', {
    onResult: () => {
      throw new Error('instrumentation bug');
    },
  });
  expect(result).toBe('value');
  await promise;
  await new Promise((resolve) => setImmediate(resolve));
  const spans = telemetry!.spans();
  const outcomes = spans.map((span) => [span.name, span.status.code, span.attributes['error.type']]);
  expect(outcomes.sort()).toEqual([
    ['hook throws', 0, undefined],
    ['rejects', 2, 'RangeError'],
    ['same promise', 0, undefined],
    ['throws', 2, 'TypeError'],
  ]);
  expect(spans.every((span) => span.ended)).toBe(true);
});

it('does not record under suppressed tracing, and still runs the call', async () => {
  start();
  const { suppressTracing } = await import('@opentelemetry/core');
  const value = context.with(suppressTracing(context.active()), () => traced({ scope: 'test', name: 'hidden' }, () => 'ran'));
  expect(value).toBe('ran');
  expect(telemetry!.spans()).toEqual([]);
});

it('breaks a start-time tie for the run started under the active span, and only for it', () => {
  start();
  const runs = fakeRunTracker();
  const tracer = trace.getTracer('app');
  const at = [1_700_000_000, 0] as [number, number];
  const request = tracer.startSpan('request', { startTime: at });
  const requestContext = trace.setSpan(ROOT_CONTEXT, request);
  const child = tracer.startSpan('execute_tool lookup', { startTime: at }, requestContext);
  const stranger = tracer.startSpan('other run', { startTime: at });
  runs.set(child);
  expect(trace.getSpan(resolveParentContext(requestContext))).toBe(child);
  runs.set(stranger);
  expect(trace.getSpan(resolveParentContext(requestContext))).toBe(request);
  for (const span of [stranger, child, request]) span.end();
});
