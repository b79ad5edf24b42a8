import { semconv } from '@sightline/core';
import { kindOfWork } from '../read/layers.js';
import { OTLP_STATUS_ERROR, type Attributes, type LogRecord, type SpanRecord } from '../read/otlp.js';
import type { CostDriver, GroupRow, Report } from '../types.js';
import { ChartCollector } from './chart-data.js';
import { EvaluationScores } from './evaluation-scores.js';
import { RatioOutliers } from './ratio-outliers.js';
import { RedundantCallFinder } from './redundant-calls.js';
import { RightSizing } from './right-sizing.js';
import { UsageAccumulator, type ModelCall } from './usage-stats.js';

/** `--by` names that stand for semconv attributes rather than tag keys. */
const DIMENSION_ATTRIBUTES: Readonly<Record<string, string>> = {
  model: semconv.ATTR_GEN_AI_REQUEST_MODEL,
  provider: semconv.ATTR_GEN_AI_PROVIDER_NAME,
};
/** Past this many distinct groups, new combinations are pooled, so a high-cardinality tag cannot exhaust memory. */
const MAX_GROUPS = 10_000;
const OVERFLOW_VALUE = '(other)';
const DRIVERS_PER_DIMENSION = 3;

interface Group {
  index: number;
  key: Record<string, string>;
  usage: UsageAccumulator;
}

export interface AggregatorOptions {
  by: readonly string[];
  sinceMs: number | undefined;
  cacheWindowMs: number;
  charts: boolean;
}

/** Folds spans and evaluation records, one at a time, into everything a report shows. */
export class ReportAggregator {
  readonly scores = new EvaluationScores();
  readonly charts: ChartCollector | undefined;
  spans = 0;
  private readonly totals = new UsageAccumulator();
  private readonly groups = new Map<string, Group>();
  private readonly groupKeys: Record<string, string>[] = [];
  private readonly dimensionCosts: Map<string, number>[];
  private readonly seenDimension: boolean[];
  private readonly untaggedByKey = new Map<string, number>();
  private untaggedRequests = 0;
  private untaggedCostUsd = 0;
  private readonly ratios = new RatioOutliers();
  private readonly redundancy: RedundantCallFinder;
  private readonly rightSizing = new RightSizing();
  private firstMs = Number.POSITIVE_INFINITY;
  private lastMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: AggregatorOptions) {
    this.redundancy = new RedundantCallFinder(options.cacheWindowMs);
    this.charts = options.charts ? new ChartCollector() : undefined;
    this.dimensionCosts = options.by.map(() => new Map());
    this.seenDimension = options.by.map((key) => key in DIMENSION_ATTRIBUTES);
  }

  evaluation(record: LogRecord): void {
    if (this.options.sinceMs !== undefined && record.timeMs < this.options.sinceMs) return;
    const result = EvaluationScores.scoreOf(record);
    if (!result) return;
    this.scores.add(record, result.score);
    this.charts?.evaluation(record.timeMs, result.name, result.score);
  }

  span(span: SpanRecord): void {
    if (this.options.sinceMs !== undefined && span.startMs < this.options.sinceMs) return;
    this.spans++;
    const kind = kindOfWork(span.name, span.attributes);
    this.charts?.span(kind, span.durationSeconds);
    if (kind === 'model') this.modelCall(span);
  }

  /** `by` keys that no model call carried: the caller reports them as unknown. */
  unknownDimensions(): string[] {
    return this.options.by.filter((_, index) => !this.seenDimension[index]);
  }

  get modelCalls(): number {
    return this.totals.requests;
  }

  result(): Pick<Report, 'timeRange' | 'totals' | 'groups' | 'untagged' | 'insights'> {
    const totals = this.totals.summary();
    const groups: GroupRow[] = [...this.groups.values()]
      .map((group) => ({ key: group.key, ...group.usage.summary() }))
      .sort((a, b) => b.costUsd - a.costUsd || b.requests - a.requests);
    const byKey: Record<string, { requests: number; share: number }> = {};
    for (const [key, requests] of [...this.untaggedByKey.entries()].sort()) byKey[key] = { requests, share: share(requests, totals.requests) };
    return {
      timeRange: Number.isFinite(this.firstMs)
        ? { start: new Date(this.firstMs).toISOString(), end: new Date(this.lastMs).toISOString() }
        : null,
      totals,
      groups,
      untagged: {
        requests: this.untaggedRequests,
        requestShare: share(this.untaggedRequests, totals.requests),
        costUsd: this.untaggedCostUsd,
        costShare: share(this.untaggedCostUsd, totals.costUsd),
        byKey,
      },
      insights: {
        promptOutputRatio: this.ratios.result(this.groupKeys),
        redundantCalls: this.redundancy.result(),
        rightSizing: this.rightSizing.result(),
        topCostDrivers: this.costDrivers(totals.costUsd),
      },
    };
  }

  private modelCall(span: SpanRecord): void {
    const { attributes } = span;
    const call: ModelCall = {
      model: stringOr(attributes[semconv.ATTR_GEN_AI_REQUEST_MODEL] ?? attributes[semconv.ATTR_GEN_AI_RESPONSE_MODEL], 'unknown'),
      inputTokens: count(attributes[semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS]),
      outputTokens: count(attributes[semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]),
      costUsd: costOf(attributes[semconv.ATTR_SIGHTLINE_COST_USD]),
      durationSeconds: span.durationSeconds,
      failed: span.statusCode === OTLP_STATUS_ERROR || attributes[semconv.ATTR_ERROR_TYPE] !== undefined,
    };
    this.firstMs = Math.min(this.firstMs, span.startMs);
    this.lastMs = Math.max(this.lastMs, span.endMs);
    this.totals.add(call);
    const group = this.groupOf(attributes, call.model);
    group.usage.add(call);
    this.addDimensionCosts(group, call.costUsd);
    this.countUntagged(attributes, call.costUsd ?? 0);
    this.ratios.observe(group.index, call.inputTokens, call.outputTokens);
    const hash = attributes[semconv.ATTR_SIGHTLINE_PROMPT_HASH];
    if (typeof hash === 'string' && hash.length > 0) this.redundancy.observe(hash, call.model, span.startMs, call.costUsd ?? 0, call.failed);
    this.rightSizing.observe(call.model, call.inputTokens, call.outputTokens, call.costUsd, this.scores.scoreFor(span.traceId, span.spanId));
    this.charts?.modelCall(span.startMs, attributes, call.model, call.costUsd, call.durationSeconds);
  }

  private groupOf(attributes: Attributes, model: string): Group {
    const values = this.options.by.map((dimension, index) => {
      if (dimension === 'model') return model;
      const raw = attributes[DIMENSION_ATTRIBUTES[dimension] ?? dimension];
      if (raw !== undefined) this.seenDimension[index] = true;
      return stringOr(raw, dimension === 'provider' ? 'unknown' : semconv.UNTAGGED_VALUE);
    });
    let id = values.join('\u0001');
    let group = this.groups.get(id);
    if (!group && this.groups.size >= MAX_GROUPS) {
      values.fill(OVERFLOW_VALUE);
      id = values.join('\u0001');
      group = this.groups.get(id);
    }
    if (!group) {
      const key = Object.fromEntries(this.options.by.map((dimension, index) => [dimension, values[index]!]));
      group = { index: this.groupKeys.length, key, usage: new UsageAccumulator() };
      this.groupKeys.push(key);
      this.groups.set(id, group);
    }
    return group;
  }

  private addDimensionCosts(group: Group, costUsd: number | undefined): void {
    if (costUsd === undefined) return;
    this.options.by.forEach((dimension, index) => {
      const costs = this.dimensionCosts[index]!;
      const value = group.key[dimension]!;
      costs.set(value, (costs.get(value) ?? 0) + costUsd);
    });
  }

  private countUntagged(attributes: Attributes, costUsd: number): void {
    let untagged = false;
    for (const key in attributes) {
      if (attributes[key] !== semconv.UNTAGGED_VALUE) continue;
      untagged = true;
      this.untaggedByKey.set(key, (this.untaggedByKey.get(key) ?? 0) + 1);
    }
    if (!untagged) return;
    this.untaggedRequests++;
    this.untaggedCostUsd += costUsd;
  }

  private costDrivers(totalCostUsd: number): CostDriver[] {
    const drivers: CostDriver[] = [];
    this.options.by.forEach((dimension, index) => {
      const top = [...this.dimensionCosts[index]!.entries()].sort((a, b) => b[1] - a[1]).slice(0, DRIVERS_PER_DIMENSION);
      for (const [value, costUsd] of top) drivers.push({ dimension, value, costUsd, share: share(costUsd, totalCostUsd) });
    });
    return drivers.filter((driver) => driver.costUsd > 0).sort((a, b) => b.costUsd - a.costUsd);
  }
}

function share(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

function stringOr(value: unknown, fallback: string): string {
  return value === undefined || value === null || value === '' ? fallback : String(value);
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function costOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
