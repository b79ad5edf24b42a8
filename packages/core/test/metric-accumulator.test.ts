import type { Attributes } from '@opentelemetry/api';
import { AggregationTemporality, MeterProvider, MetricReader, type DataPoint, type MetricData } from '@opentelemetry/sdk-metrics';
import { METRICS, readInternalCounter, recordMetric, semconv, type MetricDefinition, type SightlineAlert } from '@sightline/core';
import type { MetricAccumulator } from '../src/metrics/accumulator.js';
import { setupTestTelemetry, type TestTelemetry } from '../../testing/src/index.js';
import { afterEach, describe, expect, it } from 'vitest';

class TestReader extends MetricReader {
  constructor(temporality = AggregationTemporality.CUMULATIVE) {
    super({ aggregationTemporalitySelector: () => temporality });
  }
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

let telemetry: TestTelemetry<never> | undefined;
afterEach(() => telemetry?.shutdown());

function start(extraReader?: MetricReader) {
  const setup = setupTestTelemetry({
    defaultTags: { environment: 'prod' },
    pipelines: { metricReaders: extraReader ? [extraReader] : [] },
  });
  telemetry = setup as unknown as TestTelemetry<never>;
  return setup;
}

const MODEL = semconv.ATTR_GEN_AI_REQUEST_MODEL;
const TOKEN_TYPE = semconv.ATTR_GEN_AI_TOKEN_TYPE;
const FINISH_REASONS = semconv.ATTR_GEN_AI_RESPONSE_FINISH_REASONS;
const TAGS = { project: 'untagged', cost_center: 'untagged', environment: 'prod' };

/** Records, under tags, values that hit bucket edges, both ends of the range, and one attribute set listed in two orders. */
function recordWorkload(record: (definition: MetricDefinition, value: number, attributes: Attributes, tags: Attributes) => void): void {
  const search = { team: 'search', feature: 'faq' };
  const billing = { team: 'billing', feature: 'refunds' };
  for (const value of [0, 0.01, 0.0100001, 0.5, 81.92, 1000]) record(METRICS.modelDuration, value, { [MODEL]: 'gpt-4o' }, search);
  record(METRICS.modelDuration, 2, { [MODEL]: 'gpt-4o' }, billing);
  // A fresh array each time is still one series; a number and its string are two.
  record(METRICS.modelDuration, 0.3, { [MODEL]: 'gpt-4o', [FINISH_REASONS]: ['stop'] }, billing);
  record(METRICS.modelDuration, 0.4, { [MODEL]: 'gpt-4o', [FINISH_REASONS]: ['stop'] }, billing);
  record(METRICS.modelDuration, 0.5, { [MODEL]: 'gpt-4o', [FINISH_REASONS]: 1 }, billing);
  record(METRICS.modelDuration, 0.6, { [MODEL]: 'gpt-4o', [FINISH_REASONS]: '1' }, billing);
  record(METRICS.tokenUsage, 20, { [MODEL]: 'gpt-4o', [TOKEN_TYPE]: 'input' }, search);
  record(METRICS.tokenUsage, 30, { [TOKEN_TYPE]: 'input', [MODEL]: 'gpt-4o' }, search);
  record(METRICS.tokenUsage, 5, { [MODEL]: 'gpt-4o', [TOKEN_TYPE]: 'output' }, search);
  record(METRICS.llmCost, 0.25, { [MODEL]: 'gpt-4o' }, search);
  record(METRICS.llmCost, 0.5, { [MODEL]: 'gpt-4o' }, search);
  record(METRICS.llmCost, 1, { [MODEL]: 'gpt-4o-mini' }, billing);
}

/** Points as `{ attributes, value }`, in a stable order, for comparing two collections. */
function pointsOf(collected: MetricData[]): Record<string, { attributes: Attributes; value: unknown }[]> {
  const byName: Record<string, { attributes: Attributes; value: unknown }[]> = {};
  for (const metric of collected) {
    const points = (metric.dataPoints as DataPoint<unknown>[]).map((point) => ({ attributes: point.attributes, value: point.value }));
    byName[metric.descriptor.name] = points.sort((a, b) =>
      JSON.stringify(Object.entries(a.attributes).sort()).localeCompare(JSON.stringify(Object.entries(b.attributes).sort())),
    );
  }
  return byName;
}

async function collectAll(reader: MetricReader): Promise<MetricData[]> {
  const { resourceMetrics } = await reader.collect();
  return resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
}

describe("Sightline's own aggregation", () => {
  it('gives the points the OTel SDK would give for the same measurements', async () => {
    const ours = new TestReader();
    const { obs } = start(ours);
    recordWorkload((definition, value, attributes, tags) => obs.withTags(tags, () => recordMetric(definition, value, attributes)));

    const sdkReader = new TestReader();
    const provider = new MeterProvider({ readers: [sdkReader] });
    const meter = provider.getMeter('reference');
    recordWorkload((definition, value, attributes, tags) => {
      const stamped = { ...TAGS, ...tags, ...attributes };
      if (definition.kind === 'counter') meter.createCounter(definition.name).add(value, stamped);
      else
        meter
          .createHistogram(definition.name, { advice: { explicitBucketBoundaries: [...(definition.buckets ?? [])] } })
          .record(value, stamped);
    });

    const expected = pointsOf(await collectAll(sdkReader));
    const collected = pointsOf((await collectAll(ours)).filter((metric) => metric.descriptor.name in expected));
    expect(collected).toEqual(expected);
    expect(Object.keys(expected).sort()).toEqual(
      [semconv.METRIC_GEN_AI_CLIENT_OPERATION_DURATION, semconv.METRIC_GEN_AI_CLIENT_TOKEN_USAGE, semconv.METRIC_SIGHTLINE_LLM_COST].sort(),
    );
    await provider.shutdown();
  });

  it('describes each metric with its unit, temporality and kind', async () => {
    const { obs, metrics } = start();
    obs.withTags({ team: 'search' }, () => {
      recordMetric(METRICS.modelDuration, 0.5);
      recordMetric(METRICS.llmCost, 0.5);
    });
    const collected = await metrics();
    expect(collected.get(semconv.METRIC_GEN_AI_CLIENT_OPERATION_DURATION)).toMatchObject({
      descriptor: { name: semconv.METRIC_GEN_AI_CLIENT_OPERATION_DURATION, unit: 's', description: METRICS.modelDuration.description },
      aggregationTemporality: AggregationTemporality.CUMULATIVE,
      dataPointType: 0,
    });
    expect(collected.get(semconv.METRIC_SIGHTLINE_LLM_COST)).toMatchObject({
      descriptor: { unit: 'USD' },
      dataPointType: 3,
      isMonotonic: true,
    });
  });

  it("gives a delta reader each interval's change, and leaves out series that did not change", async () => {
    const delta = new TestReader(AggregationTemporality.DELTA);
    const { obs } = start(delta);
    const record = (team: string, value: number) => obs.withTags({ team }, () => recordMetric(METRICS.modelDuration, value));
    record('search', 0.5);
    record('search', 1.5);
    record('billing', 3);
    const first = (await collectAll(delta)).find((metric) => metric.descriptor.name === semconv.METRIC_GEN_AI_CLIENT_OPERATION_DURATION);
    expect(first?.aggregationTemporality).toBe(AggregationTemporality.DELTA);
    expect(first?.dataPoints.map((point) => [point.attributes.team, (point.value as { count: number; sum: number }).sum])).toEqual([
      ['search', 2],
      ['billing', 3],
    ]);
    record('search', 0.25);
    const second = (await collectAll(delta)).find((metric) => metric.descriptor.name === semconv.METRIC_GEN_AI_CLIENT_OPERATION_DURATION);
    expect(second?.dataPoints).toHaveLength(1);
    const [point] = second?.dataPoints ?? [];
    expect(point?.attributes.team).toBe('search');
    expect(point?.value).toMatchObject({ count: 1, sum: 0.25, min: undefined, max: undefined });
    expect(point?.startTime).toEqual(first?.dataPoints[0]?.endTime);
    // The cumulative reader of the same setup still sees the running totals.
    expect(
      (await telemetry?.points(semconv.METRIC_GEN_AI_CLIENT_OPERATION_DURATION))?.map((p) => (p.value as { count: number }).count),
    ).toEqual([3, 1]);
  });

  it('keeps 1,999 series per metric and folds the rest into one otel.metric.overflow series, as the SDK counts its limit', async () => {
    const { obs, points } = start();
    obs.withTags({ team: 'search' }, () => {
      for (let index = 0; index < 2005; index++) recordMetric(METRICS.llmCost, 1, { [MODEL]: `model-${index}` });
      recordMetric(METRICS.llmCost, 1, { [MODEL]: 'model-0' });
    });
    const cost = await points(semconv.METRIC_SIGHTLINE_LLM_COST);
    expect(cost).toHaveLength(2000);
    expect(cost.find((point) => point.attributes[MODEL] === 'model-0')?.value).toBe(2);
    expect(cost.find((point) => point.attributes[semconv.ATTR_OTEL_METRIC_OVERFLOW] === true)).toEqual({
      attributes: { [semconv.ATTR_OTEL_METRIC_OVERFLOW]: true },
      value: 6,
    });
    expect(
      readInternalCounter(semconv.METRIC_SIGHTLINE_TELEMETRY_DROPPED, {
        [semconv.ATTR_SIGHTLINE_SIGNAL]: 'metrics',
        [semconv.ATTR_SIGHTLINE_REASON]: semconv.REASON_TOO_MANY_ENTRIES,
      }),
    ).toBe(6);
  });

  it('still tells budgets whose spend a folded value was, and keeps no index for tag sets it can no longer take', async () => {
    const alerts: SightlineAlert[] = [];
    const setup = setupTestTelemetry({
      budgets: [{ name: 'search', usd: 10, window: '1d', match: { team: 'search' } }],
      onAlert: (alert) => alerts.push(alert),
    });
    telemetry = setup as unknown as TestTelemetry<never>;
    setup.obs.withTags({ team: 'other' }, () => {
      for (let index = 0; index < 2000; index++) recordMetric(METRICS.llmCost, 0.001, { [MODEL]: `model-${index}` });
    });
    for (let index = 0; index < 50; index++)
      setup.obs.withTags({ team: 'search', feature: `f-${index}` }, () => recordMetric(METRICS.llmCost, 1));
    expect(alerts.filter((alert) => alert.kind === 'budget').length).toBeGreaterThan(0);
    const accumulator = (globalThis as Record<symbol, { metricAccumulator?: MetricAccumulator }>)[Symbol.for('sightline.core.global.v1')]
      ?.metricAccumulator;
    expect(accumulator?.metrics.get(semconv.METRIC_SIGHTLINE_LLM_COST)?.byFrame.size).toBe(1);
  });

  it('lets an attribute the caller left undefined erase no tag', async () => {
    const { obs, points } = start();
    obs.withTags({ team: 'search' }, () => {
      recordMetric(METRICS.llmCost, 1, { team: undefined, [MODEL]: 'gpt-4o' });
      recordMetric(METRICS.llmCost, 2, { [MODEL]: 'gpt-4o' });
    });
    expect(await points(semconv.METRIC_SIGHTLINE_LLM_COST)).toEqual([
      { attributes: { ...TAGS, team: 'search', feature: 'untagged', [MODEL]: 'gpt-4o' }, value: 3 },
    ]);
  });

  it('keeps one series for an array value that arrives as a fresh array each time', async () => {
    const { obs, points } = start();
    obs.withTags({ team: 'search' }, () => {
      for (let index = 0; index < 2100; index++) recordMetric(METRICS.modelDuration, 1, { [FINISH_REASONS]: ['stop'] });
    });
    const duration = await points(semconv.METRIC_GEN_AI_CLIENT_OPERATION_DURATION);
    expect(duration.map((point) => [point.attributes[FINISH_REASONS], (point.value as { count: number }).count])).toEqual([
      [['stop'], 2100],
    ]);
  });

  it('drops negative values, as the SDK does', async () => {
    const { points } = start();
    recordMetric(METRICS.modelDuration, -1);
    recordMetric(METRICS.llmCost, -0.5);
    expect(await points(semconv.METRIC_GEN_AI_CLIENT_OPERATION_DURATION)).toEqual([]);
    expect(await points(semconv.METRIC_SIGHTLINE_LLM_COST)).toEqual([]);
  });
});
