import { metrics, trace } from '@opentelemetry/api';
import { METRICS, recordMetric, semconv } from '@sightline/core';
import { setupTestTelemetry, type TestTelemetry } from '../../testing/src/index.js';
import { afterEach, expect, it } from 'vitest';

let telemetry: TestTelemetry<never> | undefined;
afterEach(() => telemetry?.shutdown());
const UNTAGGED = semconv.UNTAGGED_VALUE;

function start() {
  const setup = setupTestTelemetry({ defaultTags: { environment: 'prod' } });
  telemetry = setup as unknown as TestTelemetry<never>;
  return setup;
}

it('puts the tags on histogram and counter points, with the semconv buckets', async () => {
  const { obs, points } = start();
  obs.withTags({ team: 'search', feature: 'faq' }, () => {
    recordMetric(METRICS.modelDuration, 0.5, { [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-4o' });
    recordMetric(METRICS.llmCost, 0.25, { [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-4o' });
  });
  const tags = { project: UNTAGGED, team: 'search', cost_center: UNTAGGED, feature: 'faq', environment: 'prod' };
  const [duration] = await points(semconv.METRIC_GEN_AI_CLIENT_OPERATION_DURATION);
  expect(duration?.attributes).toEqual({ ...tags, [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-4o' });
  expect(duration?.value).toMatchObject({ count: 1, sum: 0.5, buckets: { boundaries: semconv.DURATION_BUCKETS_SECONDS } });
  expect(await points(semconv.METRIC_SIGHTLINE_LLM_COST)).toEqual([
    { attributes: { ...tags, [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-4o' }, value: 0.25 },
  ]);
});

it('counts a default fill in sightline.tags.defaulted{key} and only a key left "untagged" in sightline.tags.untagged{key}, for spans and metric records', async () => {
  const { obs, points } = start();
  obs.withTags({ team: 'search', feature: 'faq', project: 'bot', cost_center: 'cc1' }, () => {
    trace.getTracer('x').startSpan('one').end(); // environment filled from defaultTags
    recordMetric(METRICS.llmCost, 1); // environment filled again
  });
  trace.getTracer('x').startSpan('bare').end(); // four keys untagged, environment filled
  const byKey = async (name: string) =>
    Object.fromEntries((await points(name)).map((point) => [point.attributes[semconv.ATTR_SIGHTLINE_TAG_KEY], point.value]));
  expect(await byKey(semconv.METRIC_SIGHTLINE_TAGS_UNTAGGED)).toEqual({ team: 1, feature: 1, project: 1, cost_center: 1 });
  expect(await byKey(semconv.METRIC_SIGHTLINE_TAGS_DEFAULTED)).toEqual({ environment: 3 });
});

it('counts no enrichment for a tag key the span set itself', async () => {
  const { points } = start();
  trace
    .getTracer('x')
    .startSpan('own', { attributes: { project: 'self', environment: 'dev' } })
    .end();
  const byKey = async (name: string) =>
    Object.fromEntries((await points(name)).map((point) => [point.attributes[semconv.ATTR_SIGHTLINE_TAG_KEY], point.value]));
  expect(await byKey(semconv.METRIC_SIGHTLINE_TAGS_UNTAGGED)).toEqual({ team: 1, feature: 1, cost_center: 1 });
  expect(await byKey(semconv.METRIC_SIGHTLINE_TAGS_DEFAULTED)).toEqual({});
});

it('stamps tags on metrics recorded by other instrumentations, but not on observable host metrics', async () => {
  const { obs, points } = start();
  const meter = metrics.getMeter('some-http-library');
  const requests = meter.createCounter('http.server.requests');
  meter.createObservableGauge('host.load').addCallback((result) => result.observe(1, { host: 'a' }));
  obs.withTags({ team: 'billing' }, () => requests.add(1, { 'http.route': '/x' }));
  expect(await points('http.server.requests')).toEqual([
    {
      attributes: {
        'http.route': '/x',
        project: UNTAGGED,
        team: 'billing',
        cost_center: UNTAGGED,
        feature: UNTAGGED,
        environment: 'prod',
      },
      value: 1,
    },
  ]);
  expect(await points('host.load')).toEqual([{ attributes: { host: 'a' }, value: 1 }]);
});

it('drops non-finite values instead of recording them', async () => {
  const { points } = start();
  recordMetric(METRICS.llmCost, Number.NaN);
  recordMetric(METRICS.llmCost, Number.POSITIVE_INFINITY);
  expect(await points(semconv.METRIC_SIGHTLINE_LLM_COST)).toEqual([]);
});
