import { METRICS, semconv } from '@sightline/core';
import { describe, expect, it } from 'vitest';
import { counterSampleName, prometheusFamilyName, type PrometheusKind } from '../src/exporters/prometheus/naming.js';
import {
  TAG_KEYS,
  dashboardExpressions,
  metricNamesIn,
  readDashboards,
  readRules,
  recordedNamesIn,
} from '../../../test/support/deploy-expressions.js';

/** What the other packages emit outside METRICS: the GPU sampler's instruments and core's health counters. */
const OTHER_METRICS: { name: string; unit: string; kind: PrometheusKind }[] = [
  { name: semconv.METRIC_HW_GPU_UTILIZATION, unit: '1', kind: 'gauge' },
  { name: semconv.METRIC_HW_GPU_MEMORY_USAGE, unit: 'By', kind: 'gauge' }, // an UpDownCounter: a Prometheus gauge
  { name: semconv.METRIC_HW_GPU_MEMORY_LIMIT, unit: 'By', kind: 'gauge' },
  { name: semconv.METRIC_HW_GPU_MEMORY_UTILIZATION, unit: '1', kind: 'gauge' },
  { name: semconv.METRIC_HW_TEMPERATURE, unit: 'Cel', kind: 'gauge' },
  { name: semconv.METRIC_HW_POWER, unit: 'W', kind: 'gauge' },
  { name: semconv.METRIC_HW_ENERGY, unit: 'J', kind: 'counter' },
  { name: semconv.METRIC_SIGHTLINE_TAGS_UNTAGGED, unit: '', kind: 'counter' },
  { name: semconv.METRIC_SIGHTLINE_TAGS_DEFAULTED, unit: '', kind: 'counter' },
  { name: semconv.METRIC_SIGHTLINE_TAGS_REJECTED, unit: '', kind: 'counter' },
  { name: semconv.METRIC_SIGHTLINE_TELEMETRY_DROPPED, unit: '', kind: 'counter' },
  { name: semconv.METRIC_SIGHTLINE_BUDGET_BREACHES, unit: '', kind: 'counter' },
];

function seriesNames(name: string, unit: string, kind: PrometheusKind): string[] {
  const family = prometheusFamilyName(name, unit, kind);
  if (kind === 'histogram') return ['_bucket', '_sum', '_count'].map((suffix) => family + suffix);
  return [kind === 'counter' ? counterSampleName(family) : family];
}

const emitted = new Map<string, string>(); // Prometheus series name → OTel name
for (const definition of Object.values(METRICS)) {
  for (const series of seriesNames(definition.name, definition.unit, definition.kind)) emitted.set(series, definition.name);
}
for (const metric of OTHER_METRICS)
  for (const series of seriesNames(metric.name, metric.unit, metric.kind)) emitted.set(series, metric.name);

const rules = readRules();
const expressions = [...dashboardExpressions(), ...rules.map(({ source, expr }) => ({ source, expr }))];

describe('metric names in deploy/', () => {
  it('finds the expressions it checks', () => {
    expect(dashboardExpressions().length).toBeGreaterThan(40);
    expect(
      rules
        .filter((rule) => rule.kind === 'alert')
        .map((rule) => rule.name)
        .sort(),
    ).toEqual([
      'SightlineBudgetBurnRate',
      'SightlineGpuMemoryHigh',
      'SightlineMcpToolErrorRate',
      'SightlineQualityScoreDrop',
      'SightlineUntaggedSpike',
      'SightlineVectorP95Regression',
    ]);
  });

  it('uses only series the code emits, named by the OTel → Prometheus translation of the semconv constants', () => {
    const unknown = expressions.flatMap(({ source, expr }) =>
      metricNamesIn(expr)
        .filter((name) => !emitted.has(name))
        .map((name) => `${source}: ${name}`),
    );
    expect(unknown).toEqual([]);
  });

  it('shows every metric the code emits on some dashboard', () => {
    const shown = new Set(dashboardExpressions().flatMap(({ expr }) => metricNamesIn(expr).map((name) => emitted.get(name))));
    const wanted = [...new Set(emitted.values())].filter((name) => name !== semconv.METRIC_SIGHTLINE_TAGS_REJECTED);
    expect(wanted.filter((name) => !shown.has(name))).toEqual([]);
  });

  it('reads only recording rules that exist', () => {
    const recorded = new Set(rules.filter((rule) => rule.kind === 'record').map((rule) => rule.name));
    const missing = expressions.flatMap(({ source, expr }) =>
      recordedNamesIn(expr)
        .filter((name) => !recorded.has(name))
        .map((name) => `${source}: ${name}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('dashboards', () => {
  it.each(readDashboards().map(({ file, dashboard }) => [file, dashboard] as const))(
    '%s: unique ids, a Prometheus datasource variable and one variable per tag key',
    (_file, dashboard) => {
      const variables = dashboard.templating.list;
      expect(variables.find((variable) => variable.name === 'datasource')).toMatchObject({ type: 'datasource', query: 'prometheus' });
      for (const key of TAG_KEYS) {
        expect(variables.find((variable) => variable.name === key)).toMatchObject({
          type: 'query',
          includeAll: true,
          allValue: '.*',
          query: { query: `label_values(${key})` },
        });
      }
      const ids = dashboard.panels.map((panel) => panel.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(dashboard.panels.every((panel) => panel.targets.length > 0)).toBe(true);
    },
  );

  it('have distinct uids, and the overview latency panel carries exemplars', () => {
    const dashboards = readDashboards().map(({ dashboard }) => dashboard);
    expect(new Set(dashboards.map((dashboard) => dashboard.uid)).size).toBe(dashboards.length);
    const overview = dashboards.find((dashboard) => dashboard.uid === 'sightline-overview');
    const latency = overview?.panels.find((panel) => panel.title.startsWith('LLM latency p95'));
    expect(latency?.targets[0]).toMatchObject({ exemplar: true });
    expect(latency?.targets[0]?.expr).toContain('gen_ai_client_operation_duration_seconds_bucket');
  });
});
