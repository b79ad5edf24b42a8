import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/index.js';
import { writeKnownSpend } from './support/known-spend.js';
import { sightline, temporaryDirectory } from './support/run-cli.js';
import { generateTelemetry, T0 } from './support/telemetry-generator.js';
import { usageRow } from './support/usage-row.js';

/**
 * Each known-spend call is a request of its own (a root span), so requests equal model calls and a
 * failed call is a failed request; `calls` sets both. Nothing here is streamed or cached.
 */
const usage = ({ calls, failed = 0, ...fields }: Partial<Report['totals']> & { calls: number; failed?: number }): Report['totals'] =>
  usageRow({
    requests: calls,
    modelCalls: calls,
    failedRequests: failed,
    requestErrorRate: failed / calls,
    failedModelCalls: failed,
    modelCallErrorRate: failed / calls,
    ...fields,
  });

describe('sightline report over a directory with known spend', () => {
  let dir: { path: string; remove(): Promise<void> };
  let report: Report;

  beforeAll(async () => {
    dir = await temporaryDirectory('known');
    // Small files force rotation, so the report must read traces.N.jsonl … traces.jsonl.
    await generateTelemetry(join(dir.path, '.sightline'), writeKnownSpend, { maxFileBytes: 4096 });
    const run = await sightline(['report', join(dir.path, '.sightline'), '--by', 'team,feature,model', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    report = JSON.parse(run.stdout) as Report;
  });
  afterAll(() => dir.remove());

  it('reads the rotated files too', async () => {
    const files = (await readdir(join(dir.path, '.sightline'))).filter((name) => name.startsWith('traces'));
    expect(files.length).toBeGreaterThan(2);
    expect(report.input).toMatchObject({ requests: 24, modelCalls: 24, spans: 24, evaluations: 4, skippedLines: 0 });
  });

  it('reproduces the exact totals, the percentiles and the error rate', () => {
    expect(report.totals).toEqual(
      usage({
        calls: 24,
        inputTokens: 32_200,
        outputTokens: 1_580,
        costUsd: 7.125,
        costPerRequestUsd: 7.125 / 24,
        // 24 durations: 0.1, nine of 0.2, three of 0.3, five of 0.4, 0.5 … 1.0: rank 12 is 0.3, rank 23 is 0.9.
        latencyP50Seconds: 0.3,
        latencyP95Seconds: 0.9,
        failed: 1,
      }),
    );
    expect(report.timeRange).toEqual({ start: new Date(T0).toISOString(), end: new Date(T0 + 120 * 60_000 + 300).toISOString() });
  });

  it('splits spend per team, feature and model, most expensive first', () => {
    expect(report.by).toEqual(['team', 'feature', 'model']);
    expect(report.groups).toEqual([
      {
        key: { team: 'search', feature: 'faq', model: 'gpt-4o' },
        ...usage({
          calls: 10,
          inputTokens: 10_000,
          outputTokens: 500,
          costUsd: 5,
          costPerRequestUsd: 0.5,
          latencyP50Seconds: 0.5,
          latencyP95Seconds: 1,
        }),
      },
      {
        key: { team: 'search', feature: 'chat', model: 'gpt-4o-mini' },
        ...usage({
          calls: 8,
          inputTokens: 1600,
          outputTokens: 800,
          costUsd: 1,
          costPerRequestUsd: 0.125,
          latencyP50Seconds: 0.2,
          latencyP95Seconds: 0.2,
          failed: 1,
        }),
      },
      {
        key: { team: 'billing', feature: 'faq', model: 'claude-sonnet-4-5' },
        ...usage({
          calls: 4,
          inputTokens: 20_000,
          outputTokens: 80,
          costUsd: 1,
          costPerRequestUsd: 0.25,
          latencyP50Seconds: 0.4,
          latencyP95Seconds: 0.4,
        }),
      },
      {
        key: { team: 'untagged', feature: 'faq', model: 'gpt-4o-mini' },
        ...usage({
          calls: 2,
          inputTokens: 600,
          outputTokens: 200,
          costUsd: 0.125,
          costPerRequestUsd: 0.0625,
          latencyP50Seconds: 0.3,
          latencyP95Seconds: 0.3,
        }),
      },
    ]);
  });

  it('reports the untagged share by key', () => {
    expect(report.untagged).toEqual({
      modelCalls: 2,
      modelCallShare: 2 / 24,
      costUsd: 0.125,
      costShare: 0.125 / 7.125,
      byKey: { team: { modelCalls: 2, share: 2 / 24 } },
    });
  });

  it('finds the redundant calls and what a one-hour cache would have saved', () => {
    expect(report.insights.redundantCalls).toEqual({
      windowSeconds: 3600,
      hashedCalls: 12,
      // Four calls with one prompt within 15 minutes: the first fills the cache, three are repeats.
      // The "bbbb…" prompt repeats after 2 hours, past the TTL: not redundant.
      redundantCalls: 3,
      savingsUsd: 1.5,
      topPrompts: [{ hash: 'a'.repeat(32), model: 'gpt-4o', redundantCalls: 3, savingsUsd: 1.5 }],
    });
  });

  it('flags long prompts against their outputs', () => {
    // Ratios: eight of 2, two of 3, ten of 20, four of 250 → Q1 2, median 20, Q3 20, fence 20 + 1.5 × 18 = 47.
    expect(report.insights.promptOutputRatio).toEqual({
      medianRatio: 20,
      thresholdRatio: 47,
      outlierCalls: 4,
      outlierInputTokens: 20_000,
      groups: [
        {
          key: { team: 'billing', feature: 'faq', model: 'claude-sonnet-4-5' },
          outlierCalls: 4,
          outlierInputTokens: 20_000,
          maxRatio: 250,
        },
      ],
    });
  });

  it('suggests a cheaper catalog model for short, well-scored work, with the saving', () => {
    const [suggestion, ...rest] = report.insights.rightSizing;
    expect(rest).toEqual([]);
    expect(suggestion).toMatchObject({
      model: 'gpt-4o',
      cheaperModel: 'gpt-4o-mini',
      calls: 10,
      meanOutputTokens: 50,
      scoredCalls: 4,
      costUsd: 5,
    });
    expect(suggestion!.meanScore).toBeCloseTo(0.9, 12);
    // gpt-4o-mini lists at $0.15 / $0.60 per 1M: 10,000 × 0.15 + 500 × 0.6 = 1,800 µ$.
    expect(suggestion!.estimatedCostUsd).toBeCloseTo(0.0018, 12);
    expect(suggestion!.savingsUsd).toBeCloseTo(4.9982, 12);
  });

  it('names the top cost drivers per dimension', () => {
    expect(report.insights.topCostDrivers.slice(0, 4)).toEqual([
      { dimension: 'feature', value: 'faq', costUsd: 6.125, share: 6.125 / 7.125 },
      { dimension: 'team', value: 'search', costUsd: 6, share: 6 / 7.125 },
      { dimension: 'model', value: 'gpt-4o', costUsd: 5, share: 5 / 7.125 },
      { dimension: 'model', value: 'gpt-4o-mini', costUsd: 1.125, share: 1.125 / 7.125 },
    ]);
  });

  it('groups by any subset of tag keys, and by provider', async () => {
    const run = await sightline(['report', join(dir.path, '.sightline'), '--by', 'provider,team', '--json']);
    const byProvider = JSON.parse(run.stdout) as Report;
    expect(byProvider.groups.map((group) => [group.key, group.requests, group.costUsd])).toEqual([
      [{ provider: 'openai', team: 'search' }, 18, 6],
      [{ provider: 'anthropic', team: 'billing' }, 4, 1],
      [{ provider: 'openai', team: 'untagged' }, 2, 0.125],
    ]);
  });

  it('keeps only calls since the cut-off with --since', async () => {
    const run = await sightline(['report', join(dir.path, '.sightline'), '--since', '1h', '--json'], { now: T0 + 120 * 60_000 });
    const recent = JSON.parse(run.stdout) as Report;
    // From T0 + 60 min: only the second "bbbb…" call at T0 + 120 min.
    expect(recent.since).toBe(new Date(T0 + 60 * 60_000).toISOString());
    expect(recent.totals).toMatchObject({ requests: 1, costUsd: 0.0625 });
  });

  it('prints a readable table and the insights without --json', async () => {
    const run = await sightline(['report', join(dir.path, '.sightline')]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[1]).toBe('24 requests, 24 model calls in 24 spans from ' + report.input.files + ' files, 4 evaluation scores');
    expect(lines).toContain(
      'search    faq      gpt-4o                   10           10  10,000          0      500          0  $5.00         $0.50  500 ms  1.00 s         —         —      0%',
    );
    expect(lines).toContain(
      'TOTAL                                       24           24  32,200          0    1,580          0  $7.13         $0.30  300 ms  900 ms         —         —    4.2%',
    );
    // Every call is priced: no mark, no legend.
    expect(run.stdout).not.toContain('unpriced');
    expect(run.stdout).toContain('2. Redundant calls: 3 calls repeated a prompt within 1h; a cache would have saved $1.50.');
    expect(run.stdout).toContain(
      '3. Right-sizing: gpt-4o writes 50 output tokens on average with a mean score of 0.90 (4 scored); on gpt-4o-mini',
    );
    expect(run.stdout).toContain('Untagged: 8.3% of model calls and 1.8% of cost lack a tag (team 8.3%).');
  });
});
