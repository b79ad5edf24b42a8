import { describe, expect, it } from 'vitest';
import { ZERO_FALLBACK, counterTargets, dashboardExpressions, readDashboards } from './support/deploy-expressions.js';

// Issue 18: a counter with no events reads 0, not "No data", and GPU panels keep their series under the
// project and environment filters. That the expressions run (and read 0 on no series) is checked against
// Prometheus in test/prometheus-rules.e2e.test.ts; this checks their shape.
const panels = readDashboards().flatMap(({ file, dashboard }) => dashboard.panels.map((panel) => ({ file, panel })));

describe('dashboard counters with no events', () => {
  it('every counter target of a stat or timeseries panel falls back to 0', () => {
    const targets = counterTargets();
    expect(targets.length).toBeGreaterThan(15);
    expect(targets.filter(({ expr }) => !expr.endsWith(ZERO_FALLBACK)).map(({ source }) => source)).toEqual([]);
  });

  it('a ratio of events per call reads 0 for a series with calls and no events, per label set', () => {
    const ratios = dashboardExpressions().filter(({ source }) =>
      ['Error ratio by tool (client)', 'Breach rate (breaches per evaluation)', 'Untagged model calls'].some((title) =>
        source.includes(`/ ${title} /`),
      ),
    );
    expect(ratios).toHaveLength(3);
    // A labelled ratio pads its numerator with its denominator times 0 (vector(0) has no labels to match).
    for (const { source, expr } of ratios) expect(expr, source).toMatch(/^\(.+ or (on\(\) vector\(0\)|\(.+ \* 0\))\) \/ /);
  });

  it('Loki panels that count lines show 0 when no line matched', () => {
    const counting = panels.filter(
      ({ panel }) => panel.datasource?.type === 'loki' && panel.targets.some((target) => target.expr?.includes('count_over_time')),
    );
    expect(counting.map(({ panel }) => panel.title)).toHaveLength(2);
    for (const { panel } of counting) expect(panel.fieldConfig?.defaults?.noValue, panel.title).toBe('0');
  });
});

describe('GPU panels', () => {
  it('select GPU series and filter them by project and environment, as every other panel does', () => {
    const gpu = dashboardExpressions().filter(({ expr }) => /\bhw_/.test(expr));
    expect(gpu.length).toBeGreaterThanOrEqual(9);
    for (const { source, expr } of gpu) {
      for (const selector of expr.match(/\bhw_\w+\{[^}]*\}/g) ?? []) {
        expect(selector, source).toMatch(/\{hw_type="gpu",project=~"\$project",environment=~"\$environment"\}$/);
      }
    }
  });
});
