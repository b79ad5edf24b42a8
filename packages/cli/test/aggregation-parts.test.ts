import { describe, expect, it } from 'vitest';
import { RedundantCallFinder } from '../src/report/redundant-calls.js';
import { TimeBuckets } from '../src/report/time-buckets.js';

const MINUTE = 60_000;

describe('the simulated prompt cache', () => {
  it('refills after the TTL, ignores failed calls as fills, and counts repeats of failures as nothing saved', () => {
    const finder = new RedundantCallFinder(60 * MINUTE);
    finder.observe('h', 'gpt-4o', 0, 1, true); // failed: nothing to cache
    finder.observe('h', 'gpt-4o', 1 * MINUTE, 1, false); // fills
    finder.observe('h', 'gpt-4o', 30 * MINUTE, 1, false); // cached
    finder.observe('h', 'gpt-4o', 30 * MINUTE, 1, true); // a cached answer would not have failed, but it cost nothing
    finder.observe('h', 'gpt-4o', 62 * MINUTE, 1, false); // expired at 61: refills
    finder.observe('h', 'gpt-4o', 100 * MINUTE, 1, false); // cached by the 62-minute fill
    expect(finder.result()).toEqual({
      windowSeconds: 3600,
      hashedCalls: 6,
      redundantCalls: 2,
      savingsUsd: 2,
      topPrompts: [{ hash: 'h', model: 'gpt-4o', redundantCalls: 2, savingsUsd: 2 }],
    });
  });

  it('evicts expired prompts, so memory is bounded by one window of distinct prompts', () => {
    const finder = new RedundantCallFinder(MINUTE);
    for (let i = 0; i < 100_000; i++) finder.observe(`p${i}`, 'm', i * 1000, 0.01, false);
    const cache = (finder as unknown as { cache: Map<string, unknown> }).cache;
    // One minute of TTL plus ten minutes of slack for late arrivals, at one prompt a second.
    expect(cache.size).toBeLessThanOrEqual(11 * 60 + 1);
    expect(finder.result().redundantCalls).toBe(0);
  });
});

describe('adaptive time buckets', () => {
  it('starts at one minute and coarsens to keep at most 240 buckets, keeping sums exact', () => {
    const series = new TimeBuckets('sum');
    for (let minute = 0; minute < 3 * 24 * 60; minute++) series.add(Date.UTC(2025, 0, 1) + minute * MINUTE, minute % 2 ? 'a' : 'b', 0.5);
    const data = series.toData();
    expect(data.bucketSeconds).toBe(3600);
    expect(data.labels).toHaveLength(72);
    expect(data.labels[0]).toBe('2025-01-01T00:00:00.000Z');
    expect(data.series.a!.every((value) => value === 15)).toBe(true);
    expect(data.series.b!.reduce((sum, value) => sum! + value!, 0)).toBe(3 * 24 * 30 * 0.5);
  });

  it('averages for means, leaves empty buckets null, and folds small series into "other"', () => {
    const means = new TimeBuckets('mean');
    means.add(0, 'q', 1);
    means.add(1000, 'q', 0.5);
    means.add(3 * MINUTE, 'q', 0.2);
    expect(means.toData()).toEqual({
      bucketSeconds: 60,
      labels: [0, 1, 2, 3].map((m) => new Date(m * MINUTE).toISOString()),
      series: { q: [0.75, null, null, 0.2] },
    });
    const many = new TimeBuckets('sum');
    for (let i = 0; i < 10; i++) many.add(0, `team-${i}`, i + 1);
    expect(Object.keys(many.toData().series)).toEqual([
      'team-9',
      'team-8',
      'team-7',
      'team-6',
      'team-5',
      'team-4',
      'team-3',
      'team-2',
      'other',
    ]);
    expect(many.toData().series.other).toEqual([3]);
  });
});
