import { SpanKind, trace } from '@opentelemetry/api';
import {
  init,
  isEvaluationEnabled,
  METRICS,
  readInternalCounter,
  recordMetric,
  semconv,
  traced,
  withTags,
  type SightlineAlert,
} from '@sightline/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setupTestTelemetry, type TestTelemetry } from '../../testing/src/index.js';

const costAttributes = { [semconv.ATTR_GEN_AI_PROVIDER_NAME]: 'openai', [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-4o' };

/** The tag attributes stamped on every span and log record: the given ones, the rest "untagged". */
function stamped(tags: Record<string, string>): Record<string, string> {
  const untagged = semconv.UNTAGGED_VALUE;
  return { project: untagged, team: untagged, cost_center: untagged, feature: untagged, environment: untagged, ...tags };
}

/** Records one model call's cost inside a `chat` span, as an integration does. */
function spend(usd: number): Promise<string> {
  return traced({ scope: 'test-integration', name: 'chat gpt-4o', kind: SpanKind.CLIENT }, async (span) => {
    recordMetric(METRICS.llmCost, usd, costAttributes);
    return span.spanContext().spanId;
  });
}

describe('init wires budgets', () => {
  let telemetry: TestTelemetry<never> | undefined;
  afterEach(async () => {
    await telemetry?.shutdown();
    telemetry = undefined;
  });

  it('accounts every sightline.llm.cost record against the budgets, with the tags of the call', async () => {
    const alerts: SightlineAlert[] = [];
    telemetry = setupTestTelemetry({
      defaultTags: { environment: 'dev' },
      budgets: [{ match: { team: 'search', model: 'gpt-4o' }, usd: 10, window: '1d' }],
      onAlert: (alert) => alerts.push(alert),
    }) as unknown as TestTelemetry<never>;

    await withTags({ team: 'billing' }, () => spend(9)); // another team: not counted
    const crossing = await withTags({ team: 'search' }, async () => [await spend(5), await spend(3.5)]);
    expect(alerts.map((alert) => alert.kind === 'budget' && [alert.budget, alert.threshold, alert.spentUsd])).toEqual([
      ['team=search,model=gpt-4o/1d', 0.8, 8.5],
    ]);
    await withTags({ team: 'search' }, () => spend(1.5));
    expect(alerts.map((alert) => alert.kind === 'budget' && alert.threshold)).toEqual([0.8, 1]);

    const records = telemetry.logs().filter((record) => record.eventName === semconv.EVENT_SIGHTLINE_ALERT);
    expect(records.map((record) => record.spanContext?.spanId)).toEqual([crossing[1], expect.any(String)]);
    expect(records[0]?.attributes[semconv.ATTR_SIGHTLINE_ALERT_KIND]).toBe('budget');
    expect(
      readInternalCounter(semconv.METRIC_SIGHTLINE_BUDGET_BREACHES, {
        [semconv.ATTR_SIGHTLINE_BUDGET_NAME]: 'team=search,model=gpt-4o/1d',
        [semconv.ATTR_SIGHTLINE_BUDGET_WINDOW]: '1d',
        [semconv.ATTR_SIGHTLINE_BUDGET_THRESHOLD]: 1,
      }),
    ).toBe(1);
  });

  it('rejects an invalid budget at init and registers nothing, so a corrected init succeeds', async () => {
    expect(() => init({ budgets: [{ match: { squad: 'a' }, usd: 5, window: '1d' }] })).toThrow(/budget match key "squad"/);
    expect(trace.getTracerProvider().getTracer('x').startSpan('probe').isRecording()).toBe(false);
    telemetry = setupTestTelemetry({ budgets: [{ match: { team: 'a' }, usd: 5, window: '1d' }] }) as unknown as TestTelemetry<never>;
    expect(trace.getTracerProvider().getTracer('x').startSpan('probe').isRecording()).toBe(true);
  });

  it('starts no evaluation engine and no budget accounting when none is configured (evaluation-hook.test.ts: with a plugin)', async () => {
    telemetry = setupTestTelemetry() as unknown as TestTelemetry<never>;
    expect(isEvaluationEnabled()).toBe(false);
    await expect(spend(1_000)).resolves.toEqual(expect.any(String));
    expect(telemetry.logs()).toEqual([]);
  });
});

describe('untagged spike alerts', () => {
  let telemetry: TestTelemetry<never> | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await telemetry?.shutdown();
    telemetry = undefined;
  });

  function startSpans(count: number, tagged: boolean): void {
    const tracer = trace.getTracer('app');
    for (let index = 0; index < count; index++) {
      if (tagged) withTags({ team: 'search' }, () => tracer.startSpan('tagged').end());
      else tracer.startSpan('untagged').end();
    }
  }

  it('alerts once per window when more than the threshold of spans carry no tags, and again in a later window', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T10:00:00Z'));
    const alerts: SightlineAlert[] = [];
    telemetry = setupTestTelemetry({
      untaggedAlert: { threshold: 0.5, minSpans: 10, windowMs: 60_000 },
      onAlert: (alert) => alerts.push(alert),
    }) as unknown as TestTelemetry<never>;

    startSpans(6, true);
    startSpans(4, false); // 10 spans, 40 % untagged: below the threshold
    expect(alerts).toEqual([]);
    startSpans(3, false); // 7 of 13: 54 %
    startSpans(20, false); // still the same window: no second alert
    expect(alerts).toEqual([
      {
        kind: 'untagged_spike',
        share: 7 / 13,
        untaggedSpans: 7,
        windowSpans: 13,
        threshold: 0.5,
        windowStart: new Date('2026-01-01T10:00:00Z'),
        windowEnd: new Date('2026-01-01T10:01:00Z'),
        message:
          '54% of the 13 spans since 2026-01-01T10:00:00.000Z carry no tags (alert threshold 50%): look for a code path outside withTags',
      },
    ]);
    const records = telemetry.logs().filter((record) => record.eventName === semconv.EVENT_SIGHTLINE_ALERT);
    expect(records.map((record) => ({ ...record.attributes }))).toEqual([
      {
        [semconv.ATTR_SIGHTLINE_ALERT_KIND]: 'untagged_spike',
        [semconv.ATTR_SIGHTLINE_UNTAGGED_SHARE]: 7 / 13,
        [semconv.ATTR_SIGHTLINE_UNTAGGED_WINDOW_SPANS]: 13,
        ...stamped({}),
      },
    ]);

    vi.setSystemTime(new Date('2026-01-01T10:01:00Z'));
    startSpans(10, true); // a clean window
    vi.setSystemTime(new Date('2026-01-01T10:02:30Z'));
    startSpans(10, false);
    expect(alerts.map((alert) => alert.kind === 'untagged_spike' && alert.windowStart.toISOString())).toEqual([
      '2026-01-01T10:00:00.000Z',
      '2026-01-01T10:02:00.000Z',
    ]);
  });

  it('stays silent below minSpans, and when switched off', async () => {
    const alerts: SightlineAlert[] = [];
    telemetry = setupTestTelemetry({
      untaggedAlert: { minSpans: 50 },
      onAlert: (alert) => alerts.push(alert),
    }) as unknown as TestTelemetry<never>;
    startSpans(49, false);
    expect(alerts).toEqual([]);
    await telemetry.shutdown();
    telemetry = setupTestTelemetry({ untaggedAlert: false, onAlert: (alert) => alerts.push(alert) }) as unknown as TestTelemetry<never>;
    startSpans(500, false);
    expect(alerts).toEqual([]);
  });
});
