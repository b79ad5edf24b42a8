import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBinary } from './support/binaries.js';
import { DEPLOY_DIR, RULES_DIR, readRules } from './support/deploy-expressions.js';

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
    const files = readdirSync(RULES_DIR).filter((file) => file.endsWith('.yml')).map((file) => join(RULES_DIR, file));
    expect(files).toHaveLength(3);
    const result = run(['check', 'rules', ...files]);
    expect(result, result.output).toMatchObject({ status: 0 });
    expect(result.output.match(/SUCCESS/g)).toHaveLength(files.length);
  });

  it('check config: the local stack\'s prometheus.yml is valid and finds the three rule files', () => {
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
    const alerts = readRules().filter((rule) => rule.kind === 'alert').map((rule) => rule.name);
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
});
