import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBinary } from './support/binaries.js';
import {
  DEPLOY_DIR,
  RULES_DIR,
  ZERO_FALLBACK,
  counterTargets,
  dashboardExpressions,
  readRules,
  substituteGrafanaVariables,
} from './support/deploy-expressions.js';

const promtool = findBinary('promtool');
const TESTS_DIR = join(DEPLOY_DIR, 'prometheus/tests');

function run(args: string[]): { status: number; output: string } {
  try {
    return { status: 0, output: execFileSync(promtool!, args, { encoding: 'utf8', stdio: 'pipe', cwd: TESTS_DIR }) };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { status: failed.status, output: `${failed.stdout}${failed.stderr}` };
  }
}

describe.skipIf(!promtool)('promtool on deploy/prometheus', () => {
  it('check rules: every rule file is valid', () => {
    const files = readdirSync(RULES_DIR)
      .filter((file) => file.endsWith('.yml'))
      .map((file) => join(RULES_DIR, file));
    expect(files).toHaveLength(3);
    const result = run(['check', 'rules', ...files]);
    expect(result, result.output).toMatchObject({ status: 0 });
    expect(result.output.match(/SUCCESS/g)).toHaveLength(files.length);
  });

  it("check config: the local stack's prometheus.yml is valid and finds the three rule files", () => {
    const result = run(['check', 'config', join(DEPLOY_DIR, 'prometheus/prometheus.yml')]);
    expect(result, result.output).toMatchObject({ status: 0 });
    expect(result.output).toContain('SUCCESS: 3 rule files found');
  });

  it('test rules: the synthetic series fire every alert (and not for their control series)', () => {
    const tests = readdirSync(TESTS_DIR).filter((file) => file.endsWith('.test.yml'));
    const result = run(['test', 'rules', ...tests]);
    expect(result, result.output).toMatchObject({ status: 0 });
    expect(result.output).toContain('SUCCESS');
  });

  it('has a firing test case for every alert in the rules', () => {
    const text = readdirSync(TESTS_DIR)
      .filter((file) => file.endsWith('.test.yml'))
      .map((file) => readFileSync(join(TESTS_DIR, file), 'utf8'))
      .join('\n');
    // A firing case is an `alertname:` followed by a non-empty exp_alerts list.
    const firing = new Set([...text.matchAll(/alertname: (\w+)\n\s+exp_alerts:\n\s+- exp_labels/g)].map((match) => match[1]));
    const alerts = readRules()
      .filter((rule) => rule.kind === 'alert')
      .map((rule) => rule.name);
    expect(alerts.length).toBe(6);
    expect(alerts.filter((alert) => !firing.has(alert))).toEqual([]);
  });

  it('fails a test file whose expectations are wrong (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sightline-promtool-'));
    try {
      const broken = readFileSync(join(TESTS_DIR, 'sightline-alerts.test.yml'), 'utf8')
        .replaceAll('../rules/', `${RULES_DIR}/`)
        .replace('fails 20% of calls', 'fails 30% of calls');
      writeFileSync(join(dir, 'broken.test.yml'), broken);
      const result = run(['test', 'rules', join(dir, 'broken.test.yml')]);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('alertname: SightlineMcpToolErrorRate');
      expect(result.output).toContain('fails 30% of calls');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe("the dashboards' counters with no events (issue 18)", () => {
    // Every metric renamed to one that has no series: what a panel sees before anything happened.
    const withoutSeries = (expr: string) => substituteGrafanaVariables(expr).replace(/\b(?:gen_ai|sightline|mcp|db|hw)_\w*/g, 'nothing_$&');
    const zero = (expr: string) => ({ expr, eval_time: '10m', exp_samples: [{ labels: '{}', value: 0 }] });
    const ratio = (title: string) =>
      substituteGrafanaVariables(dashboardExpressions().find(({ source }) => source.includes(`/ ${title} /`))!.expr);
    /** One promtool test file (JSON is YAML) with the given test groups; its result. */
    function promtoolTest(groups: unknown[]): { status: number; output: string } {
      const dir = mkdtempSync(join(tmpdir(), 'sightline-zero-'));
      try {
        writeFileSync(join(dir, 'zero.test.yml'), JSON.stringify({ rule_files: [], evaluation_interval: '1m', tests: groups }));
        return run(['test', 'rules', join(dir, 'zero.test.yml')]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }

    it('every counter target of a stat or timeseries panel reads 0 on no series (and without the fallback it would not)', () => {
      const targets = counterTargets();
      expect(targets.length).toBeGreaterThan(15);
      const result = promtoolTest([
        { interval: '1m', input_series: [], promql_expr_test: targets.map(({ expr }) => zero(withoutSeries(expr))) },
      ]);
      expect(result, result.output).toMatchObject({ status: 0 });
      const bare = withoutSeries(targets[0]!.expr.slice(0, -ZERO_FALLBACK.length));
      expect(promtoolTest([{ interval: '1m', input_series: [], promql_expr_test: [zero(bare)] }]).status).not.toBe(0);
    });

    it('the ratios of events per call read 0 for a series with calls and no events', () => {
      const calls = (series: string) => ({ series, values: '0+1x80' });
      const result = promtoolTest([
        {
          interval: '15s',
          input_series: [
            calls('mcp_client_operation_duration_seconds_count{gen_ai_tool_name="lookup"}'),
            calls('sightline_eval_score_count{gen_ai_evaluation_name="groundedness",gen_ai_response_model="gpt-4o-mini"}'),
            calls('gen_ai_client_operation_duration_seconds_count{team="search"}'),
          ],
          promql_expr_test: [
            { ...zero(ratio('Error ratio by tool (client)')), exp_samples: [{ labels: '{gen_ai_tool_name="lookup"}', value: 0 }] },
            {
              ...zero(ratio('Breach rate (breaches per evaluation)')),
              exp_samples: [{ labels: '{gen_ai_evaluation_name="groundedness",gen_ai_response_model="gpt-4o-mini"}', value: 0 }],
            },
            zero(ratio('Untagged model calls')),
          ],
        },
      ]);
      expect(result, result.output).toMatchObject({ status: 0 });
    });
  });
});
