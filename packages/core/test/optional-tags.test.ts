import { context, propagation, trace } from '@opentelemetry/api';
import { METRICS, readInternalCounter, recordMetric, semconv, withTags } from '@sightline/core';
import { setupTestTelemetry, type TestTelemetry } from '../../testing/src/index.js';
import { createHash, createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

const UNTAGGED = semconv.UNTAGGED_VALUE;
const required = { project: UNTAGGED, team: 'search', cost_center: UNTAGGED, feature: UNTAGGED, environment: UNTAGGED };
const sha = (value: string) => `sha256:${createHash('sha256').update(value).digest('hex').slice(0, 16)}`;

let telemetry: TestTelemetry<never> | undefined;
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
  delete process.env.SIGHTLINE_TAG_HASH_KEY;
});
function start(options: Parameters<typeof setupTestTelemetry>[0] = {}) {
  const setup = setupTestTelemetry(options);
  telemetry = setup as unknown as TestTelemetry<never>;
  return setup;
}
const untaggedCount = (key: string) =>
  readInternalCounter(semconv.METRIC_SIGHTLINE_TAGS_UNTAGGED, { [semconv.ATTR_SIGHTLINE_TAG_KEY]: key });

describe('session.id and user.id', () => {
  it('stamps them on spans only when set, never on metrics, and never counts them untagged', async () => {
    const setup = start();
    withTags({ team: 'search' }, () => {
      trace.getTracer('x').startSpan('anonymous').end();
      withTags({ 'session.id': 's-42', 'user.id': 'alice@example.com' }, () => {
        trace.getTracer('x').startSpan('signed in').end();
        recordMetric(METRICS.llmCost, 0.5);
      });
    });
    const [anonymous, signedIn] = setup.spans();
    expect(anonymous?.attributes).toEqual(required);
    expect(signedIn?.attributes).toEqual({ ...required, 'session.id': 's-42', 'user.id': sha('alice@example.com') });
    expect(await setup.points(semconv.METRIC_SIGHTLINE_LLM_COST)).toEqual([{ attributes: required, value: 0.5 }]);
    expect(untaggedCount('session.id')).toBe(0);
    expect(untaggedCount('user.id')).toBe(0);
    expect(untaggedCount('project')).toBeGreaterThan(0);
  });

  it('hashes user.id once: a hash that arrives in baggage is kept, and the raw id never leaves the process', () => {
    start();
    const carrier: Record<string, string> = {};
    withTags({ 'user.id': 'alice@example.com' }, () => propagation.inject(context.active(), carrier));
    expect(carrier.baggage).toContain(`user.id=${encodeURIComponent(sha('alice@example.com'))}`);
    expect(carrier.baggage).not.toContain('alice');
    const downstream = propagation.extract(context.active(), carrier);
    expect(context.with(downstream, () => telemetry?.obs.getTags())).toEqual({ 'user.id': sha('alice@example.com') });
  });

  it('uses an HMAC with tagHashKey (or SIGHTLINE_TAG_HASH_KEY), and keeps raw ids when hashedTags is []', async () => {
    start({ tagHashKey: 'k1' });
    const hmac = `hmac:${createHmac('sha256', 'k1').update('bob').digest('hex').slice(0, 16)}`;
    expect(withTags({ 'user.id': 'bob' }, () => telemetry?.obs.getTags())).toEqual({ 'user.id': hmac });
    await telemetry?.shutdown();
    process.env.SIGHTLINE_TAG_HASH_KEY = 'k1';
    start();
    expect(withTags({ 'user.id': 'bob' }, () => telemetry?.obs.getTags())).toEqual({ 'user.id': hmac });
    await telemetry?.shutdown();
    start({ hashedTags: [] });
    expect(withTags({ 'user.id': 'bob' }, () => telemetry?.obs.getTags())).toEqual({ 'user.id': 'bob' });
  });

  it('applies the same rules to a custom schema: optional keys, spanOnlyTags and hashedTags by name', async () => {
    const schema = z.object({ team: z.string(), tenant: z.string().optional(), account: z.string() });
    const setup = setupTestTelemetry({ tags: schema, spanOnlyTags: ['account'], hashedTags: ['account'] });
    telemetry = setup as unknown as TestTelemetry<never>;
    setup.obs.withTags({ team: 'search', account: 'acme' }, () => {
      trace.getTracer('x').startSpan('s').end();
      recordMetric(METRICS.llmCost, 1);
    });
    expect(setup.spans()[0]?.attributes).toEqual({ team: 'search', account: sha('acme') });
    expect(await setup.points(semconv.METRIC_SIGHTLINE_LLM_COST)).toEqual([{ attributes: { team: 'search' }, value: 1 }]);
    await setup.shutdown();
    expect(() => setupTestTelemetry({ tags: schema, spanOnlyTags: ['acount' as 'account'] })).toThrow(
      'sightline: spanOnlyTags names "acount", which is not a key of the tag schema (team, tenant, account)',
    );
  });
});

describe('withTags with a value that is not an object', () => {
  it('runs fn exactly once and passes its error through', () => {
    start();
    let calls = 0;
    const boom = new Error('user code failed');
    expect(() =>
      // @ts-expect-error: untyped JS callers can pass anything
      withTags('team=search', () => {
        calls++;
        throw boom;
      }),
    ).toThrow(boom);
    expect(calls).toBe(1);
  });
});
