/** Public option and result types of @sightline/cli. The JSON output of `report --json` is a `Report`. */

export interface ReportOptions {
  /** The telemetry directory (the file exporter's `.sightline/`). */
  dir: string;
  /** Group by these tag keys; `model` and `provider` stand for gen_ai.request.model and gen_ai.provider.name. */
  by?: readonly string[];
  /** Only model calls that started at or after this epoch millisecond. */
  sinceMs?: number;
  /** TTL of the simulated response cache behind the redundant-call insight. Default 1 hour. */
  cacheWindowMs?: number;
  /** Also collect the series the HTML report charts. */
  charts?: boolean;
  /** Bytes read so far of `totalBytes`, for a progress display. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/**
 * One row of the report, or its total. A *request* is a root span (no parent, or a parent that is not
 * in the files) with all its descendants, across processes; docs/cost.md section 4 defines each number.
 */
export interface UsageSummary {
  /** Requests: in a group, those with at least one of the group's model calls; in the total, all of them. */
  requests: number;
  modelCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache (`semconv.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS`), part of `inputTokens`. */
  cacheReadInputTokens: number;
  /** Output tokens spent on reasoning (`semconv.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS`), part of `outputTokens`. */
  reasoningOutputTokens: number;
  /** Sum of `sightline.cost.usd` over the model calls; an unpriced call adds nothing (its cost is unknown, not $0). */
  costUsd: number;
  /** `costUsd` / `requests`; null when there is no request or no priced call. A lower bound while `unpricedModelCalls` > 0. */
  costPerRequestUsd: number | null;
  /** Model calls with no `sightline.cost.usd`, or marked `sightline.usage.missing`. */
  unpricedModelCalls: number;
  /** Nearest-rank percentiles of model-call duration. */
  latencyP50Seconds: number | null;
  latencyP95Seconds: number | null;
  /** Model calls with `semconv.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK` (streamed ones). */
  streamedCalls: number;
  /** Nearest-rank percentiles of time to first token over the streamed calls. */
  timeToFirstTokenP50Seconds: number | null;
  timeToFirstTokenP95Seconds: number | null;
  /** Requests with at least one failed span (status ERROR, or an `error.type`). */
  failedRequests: number;
  requestErrorRate: number;
  failedModelCalls: number;
  modelCallErrorRate: number;
}

/** A layer of work whose failures the report counts. */
export type ErrorLayer = 'model' | 'tool' | 'mcp' | 'vector';

export interface LayerErrors {
  /** Spans of this layer, and those that failed. */
  spans: number;
  failedSpans: number;
  /** failedSpans / spans; null when the layer has no span. */
  spanErrorRate: number | null;
  /** Requests in which a span of this layer failed, over all requests. */
  failedRequests: number;
  requestErrorRate: number | null;
}

export interface GroupRow extends UsageSummary {
  key: Record<string, string>;
}

export interface SkippedLineInfo {
  file: string;
  line: number;
  reason: string;
}

export interface PromptRatioInsight {
  medianRatio: number | null;
  /** Calls whose input/output token ratio is above this are outliers. */
  thresholdRatio: number | null;
  outlierCalls: number;
  outlierInputTokens: number;
  groups: { key: Record<string, string>; outlierCalls: number; outlierInputTokens: number; maxRatio: number }[];
}

export interface RedundantCallsInsight {
  windowSeconds: number;
  hashedCalls: number;
  redundantCalls: number;
  savingsUsd: number;
  topPrompts: { hash: string; model: string; redundantCalls: number; savingsUsd: number }[];
}

export interface RightSizingSuggestion {
  model: string;
  cheaperModel: string;
  calls: number;
  meanOutputTokens: number;
  scoredCalls: number;
  meanScore: number;
  costUsd: number;
  /** The same tokens at the cheaper model's catalog price. */
  estimatedCostUsd: number;
  savingsUsd: number;
}

export interface CostDriver {
  dimension: string;
  value: string;
  costUsd: number;
  share: number;
}

export interface Report {
  dir: string;
  generatedAt: string;
  since: string | null;
  by: string[];
  input: {
    files: number;
    bytes: number;
    lines: number;
    skippedLines: number;
    skipped: SkippedLineInfo[];
    spans: number;
    requests: number;
    /** Span trees topped by an outgoing call that is not a model call (a vector store's setup, an MCP handshake): not requests. */
    outsideRequests: number;
    modelCalls: number;
    evaluations: number;
  };
  timeRange: { start: string; end: string } | null;
  totals: UsageSummary;
  /** Failures per layer over the whole input. */
  errorsByLayer: Record<ErrorLayer, LayerErrors>;
  /** One row per combination of `by` values, most expensive first. */
  groups: GroupRow[];
  /** Model calls with a tag value `"untagged"` (counted per call: tags are per span). */
  untagged: {
    modelCalls: number;
    modelCallShare: number;
    costUsd: number;
    costShare: number;
    byKey: Record<string, { modelCalls: number; share: number }>;
  };
  insights: {
    promptOutputRatio: PromptRatioInsight;
    redundantCalls: RedundantCallsInsight;
    rightSizing: RightSizingSuggestion[];
    /** The most expensive values of each `by` dimension, most expensive first. */
    topCostDrivers: CostDriver[];
  };
}

export interface TimeSeriesData {
  bucketSeconds: number;
  /** ISO start of each bucket. */
  labels: string[];
  series: Record<string, (number | null)[]>;
}

/** What the HTML report charts. */
export interface ChartData {
  costOverTimeByTeam: TimeSeriesData;
  costByFeatureAndModel: { features: string[]; models: Record<string, number[]> };
  latencyP95ByLayer: { layer: string; p95Seconds: number; spans: number }[];
  qualityOverTime: TimeSeriesData | null;
  gpuVersusLatency: { utilization: number; latencySeconds: number; model: string }[] | null;
}

export interface LayerTime {
  layer: string;
  seconds: number;
  share: number;
  spans: number;
}

export interface DiagnosedSpan {
  spanId: string;
  name: string;
  layer: string;
  startOffsetSeconds: number;
  durationSeconds: number;
  selfSeconds: number;
  depth: number;
  failed: boolean;
}

export interface Diagnosis {
  traceId: string;
  root: string;
  durationSeconds: number;
  spans: DiagnosedSpan[];
  /** Self time (time not covered by child spans) per layer; model provider, vector store, MCP tool and app. */
  layers: LayerTime[];
  criticalPath: { spanId: string; name: string; layer: string; seconds: number }[];
  criticalLayer: { layer: string; seconds: number; share: number };
  slowestSpan: { spanId: string; name: string; layer: string; selfSeconds: number; durationSeconds: number };
  gpu: {
    spanId: string;
    name: string;
    gpuId: string | null;
    utilizationStart: number | null;
    utilizationEnd: number | null;
    memoryStartBytes: number | null;
    memoryEndBytes: number | null;
  }[];
  skippedLines: number;
}

/** Where the command writes; `process` fits. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  cwd?: string;
  /** Clock for `--since`; default Date.now. */
  now?: () => number;
}
