import type { UsageSummary } from '../../src/index.js';

/**
 * A whole report row with nothing failed, priced, streamed or cached: tests spell out only what
 * differs, and still compare whole rows (a new field must be added here, or every row fails).
 */
export function usageRow(fields: Partial<UsageSummary>): UsageSummary {
  return {
    requests: 1,
    modelCalls: 1,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadInputTokens: 0,
    reasoningOutputTokens: 0,
    costUsd: 0,
    costPerRequestUsd: null,
    unpricedModelCalls: 0,
    latencyP50Seconds: null,
    latencyP95Seconds: null,
    streamedCalls: 0,
    timeToFirstTokenP50Seconds: null,
    timeToFirstTokenP95Seconds: null,
    failedRequests: 0,
    requestErrorRate: 0,
    failedModelCalls: 0,
    modelCallErrorRate: 0,
    ...fields,
  };
}
