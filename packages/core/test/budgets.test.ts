import { trace } from '@opentelemetry/api';
import { createBudgetTracker, semconv, type BudgetAlert } from '@sightline/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupTestTelemetry, type TestTelemetry } from '../../testing/src/index.js';

const HOUR = 3_600_000;
const search = { team: 'search', [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-4o', [semconv.ATTR_GEN_AI_PROVIDER_NAME]: 'openai' };
const billing = { team: 'billing', [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-4o', [semconv.ATTR_GEN_AI_PROVIDER_NAME]: 'openai' };

function alertOf(threshold: number, spentUsd: number, windowStart: string, windowEnd: string, budget = 'team=search/1h'): BudgetAlert {
  return {
    kind: 'budget',
    budget,
    match: { team: 'search' },
    window: '1h',
    threshold,
    limitUsd: 50,
    spentUsd,
    windowStart: new Date(windowStart),
    windowEnd: new Date(windowEnd),
    message: `budget "${budget}" reached ${threshold * 100}% of $50 ($${spentUsd.toFixed(2)} spent since ${new Date(windowStart).toISOString()})`,
  };
}

describe('budget tracker', () => {
  let telemetry: TestTelemetry<never> | undefined;
  beforeEach(() => {
    // Only Date is faked: the OTel SDK's own timers keep running.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-03-01T10:15:00Z'));
  });
  afterEach(async () => {
    vi.useRealTimers();
    await telemetry?.shutdown();
    telemetry = undefined;
  });

  it('fires exactly once at 80% and once at 100% of a 50 USD budget, and again after the window rolls over', async () => {
    telemetry = setupTestTelemetry() as TestTelemetry<never>;
    const alerts: BudgetAlert[] = [];
    const tracker = createBudgetTracker([{ match: { team: 'search' }, usd: 50, window: '1h' }], { onAlert: (alert) => alerts.push(alert) });

    for (let i = 0; i < 3; i++) tracker.recordSpend(10, search); // 30: below 80%
    tracker.recordSpend(25, billing); // another team: not counted
    expect(alerts).toEqual([]);
    tracker.recordSpend(10, search); // 40: exactly 80%
    tracker.recordSpend(5, search); // 45
    expect(alerts).toEqual([alertOf(0.8, 40, '2025-03-01T10:00:00Z', '2025-03-01T11:00:00Z')]);
    tracker.recordSpend(5, search); // 50: 100%
    tracker.recordSpend(30, search); // 80: past the limit, nothing new this window
    expect(alerts).toHaveLength(2);
    expect(alerts[1]).toEqual(alertOf(1, 50, '2025-03-01T10:00:00Z', '2025-03-01T11:00:00Z'));

    vi.setSystemTime(new Date('2025-03-01T11:00:00Z')); // the next hour: a fresh window
    tracker.recordSpend(39, search);
    expect(alerts).toHaveLength(2);
    tracker.recordSpend(1, search);
    expect(alerts[2]).toEqual(alertOf(0.8, 40, '2025-03-01T11:00:00Z', '2025-03-01T12:00:00Z'));
    expect(alerts).toHaveLength(3);

    const records = telemetry.logs().filter((record) => record.eventName === semconv.EVENT_SIGHTLINE_ALERT);
    expect(records.map((record) => ({ severity: record.severityText, body: record.body, attributes: record.attributes }))).toEqual(
      alerts.map((alert) => ({
        severity: alert.threshold === 1 ? 'ERROR' : 'WARN',
        body: alert.message,
        attributes: {
          [semconv.ATTR_SIGHTLINE_ALERT_KIND]: 'budget',
          [semconv.ATTR_SIGHTLINE_BUDGET_NAME]: 'team=search/1h',
          [semconv.ATTR_SIGHTLINE_BUDGET_WINDOW]: '1h',
          [semconv.ATTR_SIGHTLINE_BUDGET_THRESHOLD]: alert.threshold,
          [semconv.ATTR_SIGHTLINE_BUDGET_LIMIT_USD]: 50,
          [semconv.ATTR_SIGHTLINE_BUDGET_SPENT_USD]: alert.spentUsd,
          [semconv.ATTR_SIGHTLINE_BUDGET_WINDOW_START]: alert.windowStart.toISOString(),
          // the log processor stamps the (empty) tag context like every record
          project: 'untagged',
          team: 'untagged',
          cost_center: 'untagged',
          feature: 'untagged',
          environment: 'untagged',
        },
      })),
    );
    const breaches = await telemetry.points(semconv.METRIC_SIGHTLINE_BUDGET_BREACHES);
    expect(breaches).toEqual([
      {
        attributes: { 'sightline.budget.name': 'team=search/1h', 'sightline.budget.window': '1h', 'sightline.budget.threshold': 0.8 },
        value: 2,
      },
      {
        attributes: { 'sightline.budget.name': 'team=search/1h', 'sightline.budget.window': '1h', 'sightline.budget.threshold': 1 },
        value: 1,
      },
    ]);
  });

  it('aligns windows to wall-clock time: spend at 10:59 and 11:00 falls in different hours and days roll at 00:00 UTC', () => {
    const alerts: BudgetAlert[] = [];
    const tracker = createBudgetTracker(
      [
        { match: { team: 'search' }, usd: 50, window: '1h' },
        { name: 'search-daily', match: { team: 'search' }, usd: 100, window: '1d' },
        { name: 'search-30d', match: { team: 'search' }, usd: 1000, window: '30d' },
      ],
      { onAlert: (alert) => alerts.push(alert) },
    );
    vi.setSystemTime(new Date('2025-03-01T10:59:59.999Z'));
    tracker.recordSpend(39, search);
    vi.setSystemTime(new Date('2025-03-01T11:00:00Z'));
    tracker.recordSpend(39, search);
    expect(alerts).toEqual([]);
    expect(
      tracker.status().map(({ budget, spentUsd, windowStart }) => ({ budget, spentUsd, windowStart: windowStart.toISOString() })),
    ).toEqual([
      { budget: 'team=search/1h', spentUsd: 39, windowStart: '2025-03-01T11:00:00.000Z' },
      { budget: 'search-daily', spentUsd: 78, windowStart: '2025-03-01T00:00:00.000Z' },
      // 30-day windows count from the epoch: 2025-03-01 is day 20148, and 671 × 30 = 20130 is 2025-02-11
      { budget: 'search-30d', spentUsd: 78, windowStart: '2025-02-11T00:00:00.000Z' },
    ]);
    vi.setSystemTime(new Date('2025-03-02T00:00:00Z'));
    expect(tracker.status()[1]).toMatchObject({ spentUsd: 0, windowStart: new Date('2025-03-02T00:00:00Z') });
  });

  it('raises both thresholds, in order, when one call jumps past both', () => {
    const thresholds: number[] = [];
    const tracker = createBudgetTracker([{ match: {}, usd: 50, window: '1d' }], { onAlert: (alert) => thresholds.push(alert.threshold) });
    tracker.recordSpend(75, billing);
    expect(thresholds).toEqual([0.8, 1]);
  });

  it('matches on model and provider shorthands, all keys at once, and falls back to the response model', () => {
    const fired: string[] = [];
    const tracker = createBudgetTracker(
      [
        { name: 'gpt-4o', match: { model: 'gpt-4o' }, usd: 1, window: '1h' },
        { name: 'anthropic', match: { provider: 'anthropic' }, usd: 1, window: '1h' },
        { name: 'search+openai', match: { team: 'search', provider: 'openai' }, usd: 1, window: '1h' },
      ],
      { onAlert: (alert) => fired.push(`${alert.budget}@${alert.threshold}`) },
    );
    tracker.recordSpend(1, billing);
    tracker.recordSpend(1, { [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: 'claude-3-5-haiku', [semconv.ATTR_GEN_AI_PROVIDER_NAME]: 'anthropic' });
    tracker.recordSpend(0.5, search);
    expect(fired).toEqual(['gpt-4o@0.8', 'gpt-4o@1', 'anthropic@0.8', 'anthropic@1']);
    tracker.recordSpend(0.3, search);
    expect(fired.slice(4)).toEqual(['search+openai@0.8']);
  });

  it('never throws from recordSpend: a failing onAlert, non-finite and negative amounts are contained', async () => {
    telemetry = setupTestTelemetry() as TestTelemetry<never>;
    const tracker = createBudgetTracker([{ name: 'contained', match: { team: 'search' }, usd: 1, window: '1h' }], {
      onAlert: () => {
        throw new Error('user hook broke');
      },
    });
    for (const amount of [Number.NaN, Number.POSITIVE_INFINITY, -5, 0]) expect(() => tracker.recordSpend(amount, search)).not.toThrow();
    expect(tracker.status()[0]?.spentUsd).toBe(0);
    expect(() => tracker.recordSpend(2, search)).not.toThrow();
    expect(telemetry.logs()).toHaveLength(2);
    const breaches = await telemetry.points(semconv.METRIC_SIGHTLINE_BUDGET_BREACHES);
    // internal counters are process-wide: other tests' budgets may have series too
    expect(
      breaches.filter((point) => point.attributes[semconv.ATTR_SIGHTLINE_BUDGET_NAME] === 'contained').map((point) => point.value),
    ).toEqual([1, 1]);
  });

  it('parents the alert log record to the model call that crossed the threshold', () => {
    telemetry = setupTestTelemetry() as TestTelemetry<never>;
    const tracker = createBudgetTracker([{ match: {}, usd: 1, window: '1h' }]);
    const span = trace.getTracer('test').startActiveSpan('chat gpt-4o', (active) => {
      tracker.recordSpend(1, search);
      active.end();
      return active;
    });
    const [first, second] = telemetry.logs();
    expect(first?.spanContext?.spanId).toBe(span.spanContext().spanId);
    expect(second?.spanContext?.traceId).toBe(span.spanContext().traceId);
  });

  it('rejects invalid configuration at start-up with a message naming the budget', () => {
    expect(() => createBudgetTracker([{ match: {}, usd: 0, window: '1h' }])).toThrow('budgets[0].usd must be a positive number');
    expect(() => createBudgetTracker([{ match: {}, usd: 1, window: '2h' as '1h' }])).toThrow(
      'budgets[0].window must be one of 1h, 1d, 30d',
    );
    expect(() => createBudgetTracker([{ match: { team: {} as string }, usd: 1, window: '1h' }])).toThrow('budgets[0].match.team must be');
    expect(() => createBudgetTracker([{ match: { squad: 'a' }, usd: 1, window: '1h' }], { tagKeys: ['team', 'feature'] })).toThrow(
      'budget match key "squad" is not a tag key (team, feature)',
    );
    expect(() =>
      createBudgetTracker([
        { match: { team: 'a' }, usd: 1, window: '1h' },
        { match: { team: 'a' }, usd: 2, window: '1h' },
      ]),
    ).toThrow('two budgets are named "team=a/1h"');
    expect(() =>
      createBudgetTracker([{ match: { model: 'x', 'gen_ai.provider.name': 'y' }, usd: 1, window: '1h' }], { tagKeys: [] }),
    ).not.toThrow();
  });

  it('keeps constant state per budget, whatever the traffic', () => {
    const tracker = createBudgetTracker([{ match: { team: 'search' }, usd: 1e12, window: '1h' }]);
    for (let i = 0; i < 10_000; i++) {
      vi.setSystemTime(Date.now() + HOUR / 100);
      tracker.recordSpend(1, { ...search, feature: `f${i}` });
    }
    expect(tracker.status()).toEqual([expect.objectContaining({ spentUsd: expect.any(Number), limitUsd: 1e12 })]);
    expect(tracker.status()[0]!.spentUsd).toBeLessThanOrEqual(100);
  });
});
