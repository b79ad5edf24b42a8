import type { UsageSummary } from '../types.js';
import { FloatList } from './float-list.js';

/**
 * Running totals for one set of model calls and requests (the whole report, or
 * one group). Model calls are added as they are read; requests only once
 * complete (see requests.ts), which is later.
 */
export class UsageAccumulator {
  requests = 0;
  failedRequests = 0;
  modelCalls = 0;
  failedModelCalls = 0;
  inputTokens = 0;
  outputTokens = 0;
  cacheReadInputTokens = 0;
  reasoningOutputTokens = 0;
  costUsd = 0;
  pricedCalls = 0;
  private readonly latencies = new FloatList();
  private readonly firstTokens = new FloatList();

  add(call: ModelCall): void {
    this.modelCalls++;
    if (call.failed) this.failedModelCalls++;
    this.inputTokens += call.inputTokens;
    this.outputTokens += call.outputTokens;
    this.cacheReadInputTokens += call.cacheReadInputTokens;
    this.reasoningOutputTokens += call.reasoningOutputTokens;
    if (call.costUsd !== undefined) {
      this.costUsd += call.costUsd;
      this.pricedCalls++;
    }
    this.latencies.push(call.durationSeconds);
    if (call.timeToFirstTokenSeconds !== undefined) this.firstTokens.push(call.timeToFirstTokenSeconds);
  }

  request(failed: boolean): void {
    this.requests++;
    if (failed) this.failedRequests++;
  }

  summary(): UsageSummary {
    return {
      requests: this.requests,
      modelCalls: this.modelCalls,
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      cacheReadInputTokens: this.cacheReadInputTokens,
      reasoningOutputTokens: this.reasoningOutputTokens,
      costUsd: this.costUsd,
      // With no priced call the cost is unknown, not $0 a request.
      costPerRequestUsd: this.requests > 0 && this.pricedCalls > 0 ? this.costUsd / this.requests : null,
      unpricedModelCalls: this.modelCalls - this.pricedCalls,
      latencyP50Seconds: this.latencies.quantile(0.5) ?? null,
      latencyP95Seconds: this.latencies.quantile(0.95) ?? null,
      streamedCalls: this.firstTokens.length,
      timeToFirstTokenP50Seconds: this.firstTokens.quantile(0.5) ?? null,
      timeToFirstTokenP95Seconds: this.firstTokens.quantile(0.95) ?? null,
      failedRequests: this.failedRequests,
      requestErrorRate: this.requests > 0 ? this.failedRequests / this.requests : 0,
      failedModelCalls: this.failedModelCalls,
      modelCallErrorRate: this.modelCalls > 0 ? this.failedModelCalls / this.modelCalls : 0,
    };
  }
}

/** The fields of a model span that the report uses. */
export interface ModelCall {
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  reasoningOutputTokens: number;
  /** Undefined for an unpriced call. */
  costUsd: number | undefined;
  durationSeconds: number;
  /** The span's `semconv.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK`, present on streamed calls only. */
  timeToFirstTokenSeconds: number | undefined;
  failed: boolean;
}
