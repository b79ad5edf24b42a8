import { semconv } from '@sightline/core';
import type { SpanKindOfWork } from '../read/layers.js';
import { KIND_LABELS } from '../read/layers.js';
import type { Attributes } from '../read/otlp.js';
import type { ChartData } from '../types.js';
import { FloatList } from './float-list.js';
import { TimeBuckets } from './time-buckets.js';

const MAX_FEATURES = 12;
const GPU_SAMPLE_SIZE = 2000;

/** Everything the HTML charts need, in bounded memory: time buckets, small maps, one duration list per layer, a reservoir sample. */
export class ChartCollector {
  private readonly costOverTime = new TimeBuckets('sum');
  private readonly quality = new TimeBuckets('mean');
  private readonly featureModel = new Map<string, Map<string, number>>();
  private readonly layerDurations = new Map<SpanKindOfWork, FloatList>();
  private readonly gpuSample: { utilization: number; latencySeconds: number; model: string }[] = [];
  private gpuSeen = 0;
  /** Deterministic pseudo-random numbers for the reservoir, so two runs draw the same chart. */
  private seed = 0x2545f491;

  span(kind: SpanKindOfWork, durationSeconds: number): void {
    let list = this.layerDurations.get(kind);
    if (!list) {
      list = new FloatList();
      this.layerDurations.set(kind, list);
    }
    list.push(durationSeconds);
  }

  modelCall(startMs: number, attributes: Attributes, model: string, costUsd: number | undefined, durationSeconds: number): void {
    if (costUsd !== undefined) {
      this.costOverTime.add(startMs, tagValue(attributes, 'team'), costUsd);
      const feature = tagValue(attributes, 'feature');
      const models = this.featureModel.get(feature) ?? new Map<string, number>();
      models.set(model, (models.get(model) ?? 0) + costUsd);
      this.featureModel.set(feature, models);
    }
    const start = attributes[semconv.ATTR_SIGHTLINE_GPU_UTILIZATION_START];
    const end = attributes[semconv.ATTR_SIGHTLINE_GPU_UTILIZATION_END];
    const readings = [start, end].filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
    if (readings.length > 0) this.sampleGpu(readings.reduce((a, b) => a + b, 0) / readings.length, durationSeconds, model);
  }

  evaluation(timeMs: number, name: string, score: number): void {
    this.quality.add(timeMs, name, score);
  }

  result(): ChartData {
    const byCost = [...this.featureModel.entries()]
      .map(([feature, models]) => ({ feature, models, total: [...models.values()].reduce((a, b) => a + b, 0) }))
      .sort((a, b) => b.total - a.total)
      .slice(0, MAX_FEATURES);
    const modelNames = [...new Set(byCost.flatMap(({ models }) => [...models.keys()]))].sort();
    const models: Record<string, number[]> = {};
    for (const name of modelNames) models[name] = byCost.map(({ models: costs }) => costs.get(name) ?? 0);
    const latencyP95ByLayer = [...this.layerDurations.entries()]
      .map(([kind, list]) => ({ layer: KIND_LABELS[kind], p95Seconds: list.quantile(0.95) ?? 0, spans: list.length }))
      .sort((a, b) => b.p95Seconds - a.p95Seconds);
    return {
      costOverTimeByTeam: this.costOverTime.toData(),
      costByFeatureAndModel: { features: byCost.map(({ feature }) => feature), models },
      latencyP95ByLayer,
      qualityOverTime: this.quality.isEmpty ? null : this.quality.toData(),
      gpuVersusLatency: this.gpuSample.length > 0 ? this.gpuSample : null,
    };
  }

  private sampleGpu(utilization: number, latencySeconds: number, model: string): void {
    this.gpuSeen++;
    const point = { utilization, latencySeconds, model };
    if (this.gpuSample.length < GPU_SAMPLE_SIZE) {
      this.gpuSample.push(point);
      return;
    }
    const slot = this.nextRandom() % this.gpuSeen;
    if (slot < GPU_SAMPLE_SIZE) this.gpuSample[slot] = point;
  }

  private nextRandom(): number {
    // xorshift32
    let x = this.seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.seed = x >>> 0;
    return this.seed;
  }
}

function tagValue(attributes: Attributes, key: string): string {
  const value = attributes[key];
  return value === undefined || value === null || value === '' ? semconv.UNTAGGED_VALUE : String(value);
}
