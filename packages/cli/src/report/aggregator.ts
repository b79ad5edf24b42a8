import { semconv } from '@sightline/core';
import { kindOfWork } from '../read/layers.js';
import type { Attributes, LogRecord, SpanRecord } from '../read/otlp.js';
import type { CostDriver, GroupRow, Report } from '../types.js';
import { ChartCollector } from './chart-data.js';
import { EvaluationScores } from './evaluation-scores.js';
import { LayerErrorCounter, layerBit } from './layer-errors.js';
import { modelCallOf, spanFailed, stringOr } from './model-call.js';
import { RatioOutliers } from './ratio-outliers.js';
import { RedundantCallFinder } from './redundant-calls.js';
import { RequestJoiner, type RequestTally } from './requests.js';
import { RightSizing } from './right-sizing.js';
import { UsageAccumulator } from './usage-stats.js';

/** `--by` names that stand for semconv attributes rather than tag keys. */
const DIMENSION_ATTRIBUTES: Readonly<Record<string, string>> = {
  model: semconv.ATTR_GEN_AI_REQUEST_MODEL,
  provider: semconv.ATTR_GEN_AI_PROVIDER_NAME,
};
/** Past this many distinct groups, new combinations are pooled, so a high-cardinality tag cannot exhaust memory. */
const MAX_GROUPS = 10_000;
const OVERFLOW_VALUE = '(other)';
const DRIVERS_PER_DIMENSION = 3;
// OTLP's SpanKind numbers.
const OTLP_CLIENT = 3;
const OTLP_PRODUCER = 4;

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
  /** Trees topped by an outgoing call that is not a model call (setup, background work): not requests. */
  outsideRequests = 0;
  private readonly totals = new UsageAccumulator();
  private readonly groups = new Map<string, Group>();
  private readonly groupKeys: Record<string, string>[] = [];
  /** Groups by index: a request names the groups of its model calls by index. */
  private readonly groupList: Group[] = [];
  private readonly layerErrors = new LayerErrorCounter();
  private readonly requests = new RequestJoiner((tally) => this.request(tally));
  private readonly dimensionCosts: Map<string, number>[];
  private readonly seenDimension: boolean[];
  private readonly untaggedByKey = new Map<string, number>();
  private untaggedCalls = 0;
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

  /**
   * Every span joins its request; only spans in the `--since` range add to the numbers. A span before
   * the cut-off still links its children to their request, so a request is not split by the cut-off.
   */
  span(span: SpanRecord): void {
    const inRange = this.options.sinceMs === undefined || span.startMs >= this.options.sinceMs;
    const kind = kindOfWork(span.name, span.attributes);
    const failed = spanFailed(span);
    let group = -1;
    if (inRange) {
      this.spans++;
      this.charts?.span(kind, span.durationSeconds);
      this.layerErrors.span(kind, failed);
      // A model call seen by two instrumentations is counted once, on the outer span.
      if (kind === 'model' && span.attributes[semconv.ATTR_SIGHTLINE_MODEL_CALL_NESTED] !== true) group = this.modelCall(span, failed);
    }
    const entry = (span.kind !== OTLP_CLIENT && span.kind !== OTLP_PRODUCER) || kind === 'model';
    this.requests.span(span.traceId, span.spanId, span.parentSpanId, {
      entry,
      inRange,
      failed,
      failedLayers: failed ? layerBit(kind) : 0,
      group,
    });
  }

  /** `by` keys that no model call carried: the caller reports them as unknown. */
  unknownDimensions(): string[] {
    return this.options.by.filter((_, index) => !this.seenDimension[index]);
  }

  get modelCalls(): number {
    return this.totals.modelCalls;
  }

  /** Call after the last span: it closes the requests still open. */
  result(): Pick<Report, 'timeRange' | 'totals' | 'errorsByLayer' | 'groups' | 'untagged' | 'insights'> {
    this.requests.finish();
    const totals = this.totals.summary();
    const groups: GroupRow[] = [...this.groups.values()]
      .map((group) => ({ key: group.key, ...group.usage.summary() }))
      .sort((a, b) => b.costUsd - a.costUsd || b.requests - a.requests || b.modelCalls - a.modelCalls);
    const byKey: Record<string, { modelCalls: number; share: number }> = {};
    for (const [key, modelCalls] of [...this.untaggedByKey.entries()].sort())
      byKey[key] = { modelCalls, share: share(modelCalls, totals.modelCalls) };
    return {
      timeRange: Number.isFinite(this.firstMs)
        ? { start: new Date(this.firstMs).toISOString(), end: new Date(this.lastMs).toISOString() }
        : null,
      totals,
      errorsByLayer: this.layerErrors.result(totals.requests),
      groups,
      untagged: {
        modelCalls: this.untaggedCalls,
        modelCallShare: share(this.untaggedCalls, totals.modelCalls),
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

  /** A complete request: counted in the total and in each group one of its model calls fell in. */
  private request(tally: RequestTally): void {
    if (!tally.entry) {
      this.outsideRequests++;
      return;
    }
    this.totals.request(tally.failed);
    for (const index of tally.groups) this.groupList[index]!.usage.request(tally.failed);
    this.layerErrors.request(tally.failedLayers);
  }

  /** Returns the call's group index. */
  private modelCall(span: SpanRecord, failed: boolean): number {
    const { attributes } = span;
    const call = modelCallOf(span, failed);
    this.firstMs = Math.min(this.firstMs, span.startMs);
    this.lastMs = Math.max(this.lastMs, span.endMs);
    this.totals.add(call);
    const group = this.groupOf(attributes, call.model);
    group.usage.add(call);
    this.addDimensionCosts(group, call.costUsd);
    this.countUntagged(attributes, call.costUsd ?? 0);
    this.ratios.observe(group.index, call.inputTokens, call.outputTokens);
    const hash = attributes[semconv.ATTR_SIGHTLINE_PROMPT_HASH];
    if (typeof hash === 'string' && hash.length > 0)
      this.redundancy.observe(hash, call.model, span.startMs, call.costUsd ?? 0, call.failed);
    this.rightSizing.observe(
      call.model,
      call.inputTokens,
      call.outputTokens,
      call.costUsd,
      this.scores.scoreFor(span.traceId, span.spanId),
    );
    this.charts?.modelCall(span.startMs, attributes, call.model, call.costUsd, call.durationSeconds);
    return group.index;
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
      this.groupList.push(group);
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
    this.untaggedCalls++;
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
