import { context, trace } from '@opentelemetry/api';
import { extractTraceContext, injectTraceContext, METRICS, readInternalCounter, recordMetric, semconv } from '@sightline/core';
import { expectTree, setupTestTelemetry, type TestTelemetry } from '../../testing/src/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DeferredSeriesCount } from '../src/metrics/internal-counters.js';
import { BoundedCache } from '../src/tags/bounded-cache.js';
import { TagRuntime } from '../src/tags/tag-runtime.js';
import { TAGS_CONTEXT_KEY, type TagRecord } from '../src/tags/tag-context.js';

// The hot-path caches must never change what is stamped or counted: each test
// compares cached results with what the uncached code computes.

const UNTAGGED = semconv.UNTAGGED_VALUE;
const schema = z.object({ team: z.string(), feature: z.string(), tier: z.number() });

let telemetry: TestTelemetry<never> | undefined;
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});
function start() {
  const setup = setupTestTelemetry({ tags: schema });
  telemetry = setup as unknown as TestTelemetry<never>;
  return setup;
}
const untaggedCount = (key: string) =>
  readInternalCounter(semconv.METRIC_SIGHTLINE_TAGS_UNTAGGED, { [semconv.ATTR_SIGHTLINE_TAG_KEY]: key });
const tagsIn = (ctx: ReturnType<typeof context.active>) => ctx.getValue(TAGS_CONTEXT_KEY);
const unknownKeyRejections = (source: string) =>
  readInternalCounter(semconv.METRIC_SIGHTLINE_TAGS_REJECTED, {
    [semconv.ATTR_SIGHTLINE_REASON]: semconv.REASON_UNKNOWN_KEY,
    [semconv.ATTR_SIGHTLINE_SOURCE]: source,
  });
/** The tree of three root spans named `request 0..2`, each stamped with `stamped`. */
const expectThreeRequests = (stamped: Record<string, string | number>) =>
  expectTree(
    telemetry!.spans(),
    [0, 1, 2].map((i) => ({ name: `request ${i}`, attributes: stamped })),
  );

describe('frames by content', () => {
  it('shares one frame between distinct tag objects with the same values', () => {
    const runtime = new TagRuntime(schema);
    const first = runtime.frameFor(Object.freeze({ team: 'search', feature: 'faq' }));
    const second = runtime.frameFor(Object.freeze({ feature: 'faq', team: 'search' }));
    expect(second).toBe(first);
    const stamp = {
      attributes: { team: 'search', feature: 'faq', tier: UNTAGGED },
      keys: ['team', 'feature', 'tier'],
      untagged: ['tier'],
      defaulted: [],
      untaggedCount: new DeferredSeriesCount(semconv.METRIC_SIGHTLINE_TAGS_UNTAGGED, expect.any(String), [
        { attributes: { [semconv.ATTR_SIGHTLINE_TAG_KEY]: 'tier' }, key: expect.any(String) },
      ]),
      defaultedCount: new DeferredSeriesCount(semconv.METRIC_SIGHTLINE_TAGS_DEFAULTED, expect.any(String), []),
    };
    expect(first).toEqual({
      spans: stamp,
      metrics: stamp,
      seriesKey: JSON.stringify({ team: 'search', feature: 'faq', tier: UNTAGGED }),
      tagged: true,
    });
  });

  it('marks a frame tagged only when the tags set a key', () => {
    const runtime = new TagRuntime(schema, { tier: 2 });
    expect(runtime.frameFor(undefined).tagged).toBe(false);
    expect(runtime.frameFor({}).tagged).toBe(false);
    // A default fills the stamp, but the context itself set nothing: still untagged for the spike alert.
    expect(runtime.frameFor({}).spans.attributes.tier).toBe(2);
    expect(runtime.frameFor({ team: 'search' }).tagged).toBe(true);
  });

  it('keeps values of different types, and values that look like separators, apart', () => {
    const runtime = new TagRuntime(schema.extend({ tier: z.union([z.number(), z.string()]) }));
    expect(runtime.frameFor({ tier: 2 }).spans.attributes.tier).toBe(2);
    expect(runtime.frameFor({ tier: '2' }).spans.attributes.tier).toBe('2');
    const pairs: [TagRecord, TagRecord][] = [
      [{ team: 'a', feature: 'b' }, { team: 'a-' }],
      [{ team: 's1:a' }, { team: 's', feature: 'a' }],
      [{ team: 'x', feature: 's1:y' }, { team: 'xs1:y' }],
    ];
    for (const [left, right] of pairs) {
      expect(runtime.frameFor(left)).not.toBe(runtime.frameFor(right));
      expect(runtime.frameFor(left).spans.attributes).toEqual(new TagRuntime(schema).frameFor(left).spans.attributes);
      expect(runtime.frameFor(right).spans.attributes).toEqual(new TagRuntime(schema).frameFor(right).spans.attributes);
    }
  });

  it('stamps fresh tag objects per request exactly as before, and counts every enrichment', () => {
    start();
    for (let i = 0; i < 3; i++) {
      // A fresh object per request, as an MCP server extracts from `_meta`.
      const extracted = extractTraceContext({ baggage: 'team=search,feature=faq' }, context.active());
      context.with(extracted, () => {
        trace.getTracer('x').startSpan(`request ${i}`).end();
        recordMetric(METRICS.llmCost, 1);
      });
    }
    const stamped = { team: 'search', feature: 'faq', tier: UNTAGGED };
    expectThreeRequests(stamped);
    expect(untaggedCount('tier')).toBe(6); // 3 spans + 3 records
    expect(untaggedCount('team')).toBe(0);
  });
});

describe('repeated withTags', () => {
  const tagsInside = (obs: ReturnType<typeof start>['obs'], tags: Record<string, unknown>) =>
    obs.withTags(tags as never, () => tagsIn(context.active()));

  it('reuses the record of an equal merge over the same outer tags, and makes a new one when anything differs', () => {
    const { obs } = start();
    const first = tagsInside(obs, { team: 'search', tier: 3 });
    expect(first).toEqual({ team: 'search', tier: 3 });
    expect(Object.isFrozen(first)).toBe(true);
    expect(tagsInside(obs, { team: 'search', tier: 3 })).toBe(first);
    const changed = tagsInside(obs, { team: 'search', tier: 4 });
    expect(changed).toEqual({ team: 'search', tier: 4 });
    expect(tagsInside(obs, { tier: 4, team: 'search' })).toEqual({ team: 'search', tier: 4 });
    expect(tagsInside(obs, { team: 'search' })).toEqual({ team: 'search' });
    const nested = obs.withTags({ feature: 'faq' } as never, () => tagsInside(obs, { team: 'search', tier: 3 }));
    expect(nested).toEqual({ feature: 'faq', team: 'search', tier: 3 });
  });

  it('sees a mutated tag object as new tags', () => {
    const { obs } = start();
    const tags: Record<string, unknown> = { team: 'search' };
    expect(tagsInside(obs, tags)).toEqual({ team: 'search' });
    tags.team = 'billing';
    expect(tagsInside(obs, tags)).toEqual({ team: 'billing' });
    tags.tier = 2;
    expect(tagsInside(obs, tags)).toEqual({ team: 'billing', tier: 2 });
  });

  it('still counts and drops every rejected tag of a repeated call', () => {
    const { obs } = start();
    for (let i = 0; i < 3; i++) expect(tagsInside(obs, { team: 'search', evil: 1 })).toEqual({ team: 'search' });
    expect(unknownKeyRejections(semconv.SOURCE_WITH_TAGS)).toBe(3);
  });

  it('stamps and counts the spans of repeated requests as with fresh tags', () => {
    const { obs } = start();
    for (let i = 0; i < 3; i++) obs.withTags({ team: 'search' } as never, () => trace.getTracer('x').startSpan(`request ${i}`).end());
    const stamped = { team: 'search', feature: UNTAGGED, tier: UNTAGGED };
    expectThreeRequests(stamped);
    expect(untaggedCount('tier')).toBe(3);
    expect(untaggedCount('feature')).toBe(3);
  });
});

describe('baggage', () => {
  it('reuses the validated tags of a header seen before, merged over tags already in the context', () => {
    start();
    const first = tagsIn(extractTraceContext({ baggage: 'team=search,tier=3' }, context.active()));
    const again = tagsIn(extractTraceContext({ baggage: 'team=search,tier=3' }, context.active()));
    expect(first).toEqual({ team: 'search', tier: 3 });
    expect(again).toBe(first);
    expect(Object.isFrozen(again)).toBe(true);
    const [merged, mergedAgain] = telemetry!.obs.withTags({ feature: 'chat', team: 'local' } as never, () => [
      tagsIn(extractTraceContext({ baggage: 'team=search,tier=3' }, context.active())),
      tagsIn(extractTraceContext({ baggage: 'team=search,tier=3' }, context.active())),
    ]);
    expect(merged).toEqual({ feature: 'chat', team: 'search', tier: 3 });
    expect(mergedAgain).toBe(merged);
    expect(Object.isFrozen(merged)).toBe(true);
  });

  it('still counts every rejection of a header it has seen before', () => {
    start();
    for (let i = 0; i < 3; i++) {
      const received = extractTraceContext({ baggage: 'team=search,evil=1' }, context.active());
      expect(tagsIn(received)).toEqual({ team: 'search' });
    }
    expect(unknownKeyRejections(semconv.SOURCE_BAGGAGE)).toBe(3);
  });

  it('injects the header of the tags in the context now, not of earlier ones', () => {
    const { obs } = start();
    const inject = () => injectTraceContext({}).baggage;
    const outer = obs.withTags({ team: 'search' } as never, () => [inject(), inject()]);
    const inner = obs.withTags({ team: 'search' } as never, () => obs.withTags({ feature: 'faq' } as never, inject));
    expect(outer).toEqual(['team=search', 'team=search']);
    expect(inner).toBe('team=search,feature=faq');
    expect(obs.withTags({ team: 'search' } as never, () => injectTraceContext({ baggage: 'other=1' }).baggage)).toBe('other=1');
  });
});

describe('BoundedCache', () => {
  it('evicts the least recently used entry once full', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // now b is the oldest
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([1, undefined, 3, 2]);
  });
});
