import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Reads deploy/'s dashboards and rule files, so tests can check every expression they hold. */
export const DEPLOY_DIR = fileURLToPath(new URL('../../deploy/', import.meta.url));
export const DASHBOARD_DIR = join(DEPLOY_DIR, 'grafana/dashboards');
export const RULES_DIR = join(DEPLOY_DIR, 'prometheus/rules');
export const TAG_KEYS = ['project', 'team', 'cost_center', 'feature', 'environment'];

export interface DashboardTarget {
  expr?: string;
  query?: string;
  refId: string;
  datasource?: { type?: string; uid?: string };
}
export interface DashboardPanel {
  id: number;
  title: string;
  type?: string;
  fieldConfig?: { defaults?: { noValue?: string } };
  datasource?: { type?: string; uid?: string };
  targets: DashboardTarget[];
}
export interface Dashboard {
  uid: string;
  title: string;
  panels: DashboardPanel[];
  templating: { list: { name: string; type: string; query?: unknown; allValue?: string; includeAll?: boolean }[] };
}

export function readDashboards(): { file: string; dashboard: Dashboard }[] {
  return readdirSync(DASHBOARD_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, dashboard: JSON.parse(readFileSync(join(DASHBOARD_DIR, file), 'utf8')) as Dashboard }));
}

export interface PromQlExpression {
  source: string;
  expr: string;
}

/** Every PromQL target of every dashboard (Tempo targets are not PromQL). */
export function dashboardExpressions(): PromQlExpression[] {
  return readDashboards().flatMap(({ file, dashboard }) =>
    dashboard.panels.flatMap((panel) =>
      panel.targets
        .filter((target) => (target.datasource ?? panel.datasource)?.type === 'prometheus')
        .map((target) => ({ source: `${file} / ${panel.title} / ${target.refId}`, expr: target.expr ?? '' })),
    ),
  );
}

/** The zero fallback of a counter target: `or on()` matches no labels, so it adds its 0 only when nothing else is there. */
export const ZERO_FALLBACK = ' or on() vector(0)';
const COUNTER_SUM = /^\(?\s*sum(?: by \([^)]*\))? ?\((rate|increase)\([A-Za-z_]+(_total|_count|_sum)[{[]/;

/**
 * The Prometheus targets of stat and timeseries panels that show a counter as such: a sum
 * of rates or increases of a `_total`, a histogram's `_count` or `_sum`, not divided by
 * anything (ratios, means and quantiles of no events have no value to show). Hardware
 * panels (gpu.json) are left out: no GPU is no reading, not zero.
 */
export function counterTargets(): PromQlExpression[] {
  return readDashboards()
    .filter(({ file }) => file !== 'gpu.json')
    .flatMap(({ file, dashboard }) =>
      dashboard.panels
        .filter((panel) => (panel.type === 'stat' || panel.type === 'timeseries') && panel.datasource?.type === 'prometheus')
        .flatMap((panel) =>
          panel.targets.map((target) => ({ source: `${file} / ${panel.title} / ${target.refId}`, expr: target.expr ?? '' })),
        ),
    )
    .filter(({ expr }) => COUNTER_SUM.test(expr) && !expr.includes(' / ') && !expr.includes('histogram_quantile'));
}

export interface RuleEntry {
  source: string;
  kind: 'record' | 'alert';
  name: string;
  expr: string;
}

/**
 * The rules of every rule file. Prometheus rule files are YAML; this reads the
 * subset they use here (`- record:`/`- alert:` then `expr:` inline or as a `|`
 * block), since the repository carries no YAML parser. promtool checks the files
 * themselves.
 */
export function readRules(): RuleEntry[] {
  const rules: RuleEntry[] = [];
  for (const file of readdirSync(RULES_DIR)
    .filter((name) => name.endsWith('.yml'))
    .sort()) {
    const lines = readFileSync(join(RULES_DIR, file), 'utf8').split('\n');
    let current: { kind: 'record' | 'alert'; name: string } | undefined;
    lines.forEach((line, index) => {
      const head = /^\s*- (record|alert):\s*(\S+)/.exec(line);
      if (head) current = { kind: head[1] as 'record' | 'alert', name: head[2] as string };
      const expr = /^(\s*)expr:\s*(.*)$/.exec(line);
      if (!expr || !current) return;
      let text = expr[2] as string;
      if (text === '|' || text === '>') {
        const indent = (expr[1] as string).length;
        const block: string[] = [];
        for (const next of lines.slice(index + 1)) {
          if (next.trim() !== '' && next.length - next.trimStart().length <= indent) break;
          block.push(next.trim());
        }
        text = block.join('\n').trim();
      }
      rules.push({ source: `${file} / ${current.name}`, ...current, expr: text });
    });
  }
  return rules;
}

/** Grafana's variables replaced by values that Prometheus accepts, as Grafana itself would send them. */
export function substituteGrafanaVariables(expr: string): string {
  return expr
    .replace(/\$__rate_interval|\$__interval/g, '1m')
    .replace(/\$__range/g, '1h')
    .replace(/\$\{?(\w+)\}?/g, '.*');
}

const GROUPING = /\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g;
const MATCHERS = /\{[^}]*\}/g;
const STRINGS = /"(?:[^"\\]|\\.)*"/g;

/** The metric names an expression selects (recording-rule names, which contain `:`, excluded). */
export function metricNamesIn(expr: string): string[] {
  const stripped = expr.replace(STRINGS, '""').replace(MATCHERS, '').replace(GROUPING, '');
  const names = new Set<string>();
  for (const [token] of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    if (/^(gen_ai|sightline|mcp|db|hw)_/.test(token)) names.add(token);
  }
  return [...names];
}

/** Recording-rule names (`level:metric:operations`) an expression reads. */
export function recordedNamesIn(expr: string): string[] {
  const stripped = expr.replace(STRINGS, '""').replace(MATCHERS, '');
  return [...new Set([...stripped.matchAll(/[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_:]+/g)].map(([token]) => token))];
}
