import type { UsageSummary } from '../types.js';
import { FloatList } from './float-list.js';

/** Running totals for one set of model calls (the whole report, or one group). */
export class UsageAccumulator {
  requests = 0;
  errors = 0;
  inputTokens = 0;
  outputTokens = 0;
  costUsd = 0;
  pricedRequests = 0;
  private readonly latencies = new FloatList();

  add(call: ModelCall): void {
    this.requests++;
    if (call.failed) this.errors++;
    this.inputTokens += call.inputTokens;
    this.outputTokens += call.outputTokens;
    if (call.costUsd !== undefined) {
      this.costUsd += call.costUsd;
      this.pricedRequests++;
    }
    this.latencies.push(call.durationSeconds);
  }

  summary(): UsageSummary {
    return {
      requests: this.requests,
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      costUsd: this.costUsd,
      // Unpriced calls carry no cost (never $0), so they are left out of the average.
      costPerRequestUsd: this.pricedRequests > 0 ? this.costUsd / this.pricedRequests : null,
      unpricedRequests: this.requests - this.pricedRequests,
      latencyP50Seconds: this.latencies.quantile(0.5) ?? null,
      latencyP95Seconds: this.latencies.quantile(0.95) ?? null,
      errors: this.errors,
      errorRate: this.requests > 0 ? this.errors / this.requests : 0,
    };
  }
}

/** The fields of a model span that the report uses. */
export interface ModelCall {
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | undefined;
  durationSeconds: number;
  failed: boolean;
}
