import { context, trace } from '@opentelemetry/api';
import { extractTraceContext, getTags, injectTraceContext, readInternalCounter, semconv } from '@sightline/core';
import { setupTestTelemetry, type TestTelemetry } from '../../testing/src/index.js';
import { afterEach, expect, it } from 'vitest';
import { z } from 'zod';

let telemetry: TestTelemetry<never> | undefined;
afterEach(() => telemetry?.shutdown());

const schema = z.object({ team: z.string().max(32), feature: z.string(), tier: z.number().int(), beta: z.boolean() });
function start() {
  const setup = setupTestTelemetry({ tags: schema });
  telemetry = setup as unknown as TestTelemetry<never>;
  return setup;
}
const rejected = (reason: string) =>
  readInternalCounter(semconv.METRIC_SIGHTLINE_TAGS_REJECTED, {
    [semconv.ATTR_SIGHTLINE_REASON]: reason,
    [semconv.ATTR_SIGHTLINE_SOURCE]: semconv.SOURCE_BAGGAGE,
  });

it('round-trips trace context and typed tags through a carrier', () => {
  const { obs } = start();
  const carrier: Record<string, unknown> = { traceparent: 'kept-by-caller' };
  const sent = obs.withTags({ team: 'search', feature: 'faq tips', tier: 2, beta: true }, () =>
    trace.getTracer('x').startActiveSpan('caller', (span) => {
      injectTraceContext(carrier);
      span.end();
      return span.spanContext();
    }),
  );
  expect(carrier.traceparent).toBe('kept-by-caller');
  const fresh: Record<string, unknown> = {};
  obs.withTags({ team: 'search', feature: 'faq tips', tier: 2, beta: true }, () =>
    trace.getTracer('x').startActiveSpan('caller', (span) => {
      context.with(trace.setSpan(context.active(), trace.wrapSpanContext(sent)), () => injectTraceContext(fresh));
      span.end();
    }),
  );
  expect(fresh).toEqual({
    traceparent: `00-${sent.traceId}-${sent.spanId}-01`,
    baggage: 'team=search,feature=faq%20tips,tier=2,beta=true',
  });
  const received = extractTraceContext(fresh, context.active());
  expect(trace.getSpanContext(received)).toMatchObject({ traceId: sent.traceId, spanId: sent.spanId, isRemote: true });
  expect(context.with(received, () => getTags())).toEqual({ team: 'search', feature: 'faq tips', tier: 2, beta: true });
});

it('drops and counts unknown keys, invalid values, malformed members and oversized values', () => {
  start();
  const received = extractTraceContext({
    baggage: [
      'team=search',
      'evil.key=1',
      'tier=not-a-number',
      '=novalue',
      'feature=%E0%A4%A', // broken percent-encoding
      `beta=${'x'.repeat(300)}`,
    ].join(','),
  });
  expect(context.with(received, () => getTags())).toEqual({ team: 'search' });
  expect(rejected(semconv.REASON_UNKNOWN_KEY)).toBe(1);
  expect(
    readInternalCounter(semconv.METRIC_SIGHTLINE_TAGS_REJECTED, {
      [semconv.ATTR_SIGHTLINE_REASON]: semconv.REASON_INVALID_VALUE,
      [semconv.ATTR_SIGHTLINE_SOURCE]: semconv.SOURCE_BAGGAGE,
      [semconv.ATTR_SIGHTLINE_TAG_KEY]: 'tier',
    }),
  ).toBe(1);
  expect(rejected(semconv.REASON_MALFORMED)).toBe(2);
  expect(rejected(semconv.REASON_OVERSIZED)).toBe(1);
});

it('caps baggage at 8 KB and 64 entries, keeping what fits', () => {
  start();
  const many = Array.from({ length: 100 }, (_, i) => `k${i}=v`);
  const received = extractTraceContext({ baggage: ['team=first', ...many].join(',') });
  expect(context.with(received, () => getTags())).toEqual({ team: 'first' });
  expect(rejected(semconv.REASON_TOO_MANY_ENTRIES)).toBe(101 - 64);

  const huge = `feature=ok,${Array.from({ length: 40 }, (_, i) => `pad${i}=${'y'.repeat(250)}`).join(',')},team=late`;
  const second = extractTraceContext({ baggage: huge });
  expect(context.with(second, () => getTags())).toEqual({ feature: 'ok' });
  expect(rejected(semconv.REASON_OVERSIZED)).toBeGreaterThan(0);
});

it('survives 100 KB of garbage and non-string carrier values without throwing', () => {
  start();
  const garbage = { baggage: '\u0000;;==,,'.repeat(15_000), traceparent: { not: 'a string' } };
  const received = extractTraceContext(garbage);
  expect(context.with(received, () => getTags())).toEqual({});
  expect(trace.getSpanContext(received)).toBeUndefined();
  expect(extractTraceContext(null)).toBe(context.active());
});
