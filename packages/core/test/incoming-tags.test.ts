// The incoming-tags policy: which tag keys a process takes from its peers, through the
// global propagator (what HTTP server instrumentations call) and extractTraceContext.
import { context, defaultTextMapGetter, propagation, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';
import { extractTraceContext, init, METRICS, recordMetric, semconv, sightlineComponents, TAGS_CONTEXT_KEY } from '@sightline/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rejectedFromPeers, useIncomingTagsSession } from './support/incoming-tags.js';

const UNTAGGED = semconv.UNTAGGED_VALUE;
const schema = z.object({ team: z.string(), feature: z.string(), tier: z.number() });
const ATTACK = { baggage: 'team=finance,feature=faq,tier=3' };
const session = useIncomingTagsSession(schema);
const start = session.start;
const tagsOf = (ctx: Context) => ctx.getValue(TAGS_CONTEXT_KEY);

/** A span and a metric record made under `ctx`, as a request handler would. */
async function stampedUnder(setup: ReturnType<typeof start>, ctx: Context) {
  context.with(ctx, () => {
    trace.getTracer('app').startSpan('handler').end();
    recordMetric(METRICS.llmCost, 0.5, { [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'm' });
  });
  const span = setup.spans().find((one) => one.name === 'handler')!;
  const series = (await setup.points(semconv.METRIC_SIGHTLINE_LLM_COST)).map((point) => point.attributes);
  return { span: span.attributes, series };
}

const rejected = rejectedFromPeers;

describe('incomingTags on init', () => {
  it('a list: the global propagator keeps only the listed keys; refused ones reach neither spans nor metrics, and are counted', async () => {
    const setup = start({ incomingTags: ['feature'] });
    const received = propagation.extract(ROOT_CONTEXT, ATTACK);
    const { span, series } = await stampedUnder(setup, received);
    expect(span).toEqual({ team: UNTAGGED, feature: 'faq', tier: UNTAGGED });
    expect(series).toEqual([{ [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'm', team: UNTAGGED, feature: 'faq', tier: UNTAGGED }]);
    expect([rejected(semconv.REASON_NOT_ACCEPTED, 'team'), rejected(semconv.REASON_NOT_ACCEPTED, 'tier')]).toEqual([1, 1]);
    expect(session.warnings()).toEqual(['sightline/tags a tag from a peer was dropped: the incomingTags policy does not accept its key']);
  });

  it("'none': extractTraceContext keeps the remote parent but no tag; every refusal is counted, on every request", async () => {
    const setup = start({ incomingTags: 'none' });
    const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    for (let i = 0; i < 2; i++) {
      const received = extractTraceContext({ ...ATTACK, traceparent: parent }, ROOT_CONTEXT);
      expect(trace.getSpanContext(received)?.spanId).toBe('b7ad6b7169203331');
      expect(tagsOf(received)).toBeUndefined();
    }
    const { span, series } = await stampedUnder(setup, extractTraceContext(ATTACK, ROOT_CONTEXT));
    expect(span).toEqual({ team: UNTAGGED, feature: UNTAGGED, tier: UNTAGGED });
    expect(series).toEqual([{ [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'm', team: UNTAGGED, feature: UNTAGGED, tier: UNTAGGED }]);
    expect(['team', 'feature', 'tier'].map((key) => rejected(semconv.REASON_NOT_ACCEPTED, key))).toEqual([3, 3, 3]);
  });

  it('keys outside the schema stay unknown_key, whatever the policy; the caps are unchanged', () => {
    start({ incomingTags: ['team'] });
    const many = Array.from({ length: 100 }, (_, i) => `k${i}=v`);
    const received = extractTraceContext({ baggage: ['team=search', 'feature=faq', ...many].join(',') }, ROOT_CONTEXT);
    expect(tagsOf(received)).toEqual({ team: 'search' });
    expect(rejected(semconv.REASON_NOT_ACCEPTED, 'feature')).toBe(1);
    expect(rejected(semconv.REASON_UNKNOWN_KEY)).toBe(62);
    expect(rejected(semconv.REASON_TOO_MANY_ENTRIES)).toBe(102 - 64);
  });

  it('a typo in the list fails init, as for spanOnlyTags', () => {
    expect(() => init({ tags: schema, incomingTags: ['teams'] as never, exporters: { file: false } })).toThrow(
      'sightline: incomingTags names "teams", which is not a key of the tag schema (team, feature, tier)',
    );
    expect(() => init({ tags: schema, incomingTags: 'some' as never, exporters: { file: false } })).toThrow(
      "sightline: incomingTags must be 'all', 'none' or an array of tag keys",
    );
  });
});

describe('incomingTags beside your own SDK', () => {
  it("sightlineComponents takes init's option: its propagator, the one NodeSDK would register, keeps only the listed keys", async () => {
    const parts = sightlineComponents({ tags: schema, incomingTags: ['tier'], exporters: { file: false } });
    try {
      expect(tagsOf(parts.textMapPropagator.extract(ROOT_CONTEXT, ATTACK, defaultTextMapGetter))).toEqual({ tier: 3 });
      expect(rejected(semconv.REASON_NOT_ACCEPTED, 'team')).toBe(1);
    } finally {
      await parts.sightline.shutdown();
    }
  });
});

describe('the implicit default', () => {
  it('accepts every schema key, as before, and warns once when tags arrive over a network', async () => {
    const setup = start();
    // Neither a local transport nor a header with no schema key warns; the first network accept does, once.
    expect(tagsOf(extractTraceContext(ATTACK, ROOT_CONTEXT, { transport: 'local' }))).toEqual({ team: 'finance', feature: 'faq', tier: 3 });
    propagation.extract(ROOT_CONTEXT, { baggage: 'unknown=1' });
    expect(session.implicitWarnings()).toEqual([]);
    const first = propagation.extract(ROOT_CONTEXT, ATTACK);
    propagation.extract(ROOT_CONTEXT, { baggage: 'team=search' });
    const { span } = await stampedUnder(setup, first);
    expect(span).toEqual({ team: 'finance', feature: 'faq', tier: 3 });
    expect(session.implicitWarnings()).toHaveLength(1);
    // An explicit 'all' accepts the same, silently.
    await setup.shutdown();
    start({ incomingTags: 'all' });
    expect(tagsOf(propagation.extract(ROOT_CONTEXT, ATTACK))).toEqual({ team: 'finance', feature: 'faq', tier: 3 });
    expect(session.implicitWarnings()).toHaveLength(1);
  });
});

describe("a wrapper's own policy (extractTraceContext's incomingTags)", () => {
  it("overrides init's, both ways, and a header cached as clean under one policy is refused under another", () => {
    start({ incomingTags: ['team'] });
    expect(tagsOf(extractTraceContext(ATTACK, ROOT_CONTEXT, { incomingTags: 'all' }))).toEqual({
      team: 'finance',
      feature: 'faq',
      tier: 3,
    });
    expect(tagsOf(extractTraceContext(ATTACK, ROOT_CONTEXT, { incomingTags: 'none' }))).toBeUndefined();
    expect(tagsOf(extractTraceContext(ATTACK, ROOT_CONTEXT, { incomingTags: ['tier'] }))).toEqual({ tier: 3 });
    expect(tagsOf(extractTraceContext(ATTACK, ROOT_CONTEXT))).toEqual({ team: 'finance' });
    expect(['team', 'feature', 'tier'].map((key) => rejected(semconv.REASON_NOT_ACCEPTED, key))).toEqual([2, 3, 2]);
  });

  it('a malformed or misspelt wrapper policy never throws: it accepts nothing it does not name, and warns', () => {
    start();
    expect(tagsOf(extractTraceContext(ATTACK, ROOT_CONTEXT, { incomingTags: 'some' as never }))).toBeUndefined();
    expect(tagsOf(extractTraceContext(ATTACK, ROOT_CONTEXT, { incomingTags: ['teams', 'feature'] }))).toEqual({ feature: 'faq' });
    expect(session.warnings().filter((warning) => warning.includes('incomingTags'))).toEqual([
      "sightline/tags incomingTags must be 'all', 'none' or an array of tag keys; no tags are accepted from peers",
      'sightline/tags a tag from a peer was dropped: the incomingTags policy does not accept its key',
      'sightline/tags incomingTags names "teams", which is not a key of the tag schema; ignored',
    ]);
  });

  it("a stricter wrapper policy also drops peer tags an outer layer accepted under init's, never the app's own", async () => {
    const setup = start();
    // The HTTP layer took the request's baggage under init's default; the app then set feature itself.
    const outer = propagation.extract(ROOT_CONTEXT, ATTACK);
    const withOwn = context.with(outer, () => setup.obs.withTags({ feature: 'local' }, () => context.active()));
    const inner = extractTraceContext({}, withOwn, { incomingTags: ['tier'] });
    expect(tagsOf(inner)).toEqual({ feature: 'local', tier: 3 });
    const { span } = await stampedUnder(setup, inner);
    expect(span).toEqual({ team: UNTAGGED, feature: 'local', tier: 3 });
    expect(['team', 'feature', 'tier'].map((key) => rejected(semconv.REASON_NOT_ACCEPTED, key))).toEqual([1, 0, 0]);
    // The same wrapper's policy under the app's own tags alone changes nothing.
    const own = setup.obs.withTags({ team: 'search' }, () => context.active());
    expect(tagsOf(extractTraceContext({}, own, { incomingTags: 'none' }))).toEqual({ team: 'search' });
  });
});
