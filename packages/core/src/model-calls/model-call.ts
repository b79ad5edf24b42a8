import type { Attributes, Context, Span } from '@opentelemetry/api';
import { METRICS } from '../metrics/definitions.js';
import { countInternal } from '../metrics/internal-counters.js';
import { recordMetrics, type MetricRecord } from '../metrics/record.js';
import { costOfModelCall, resolveModelPrice } from '../pricing/index.js';
import type { TokenUsage } from '../pricing/types.js';
import * as semconv from '../semconv.js';
import { labelsOf, type ModelLabels } from './model-labels.js';

/** What an instrumentation knew when a model call started. */
export interface ModelCallStart {
  /** `ATTR_GEN_AI_OPERATION_NAME`; chat when unset. */
  operation?: string;
  providerName: string | undefined;
  requestModel: string | undefined;
  /** `performance.now()` when the call started. */
  startedAt: number;
  /** `performance.now()` when the first streamed chunk arrived. */
  firstChunkAt?: number;
}

/** What the call returned; `undefined` for a call that failed before answering. */
export interface ModelCallResult {
  usage: TokenUsage | undefined;
  responseModel: string | undefined;
  responseId: string | undefined;
  finishReasons: readonly string[];
}

/**
 * A model span's last words, the same for every instrumentation: usage, cost and response
 * attributes on the span, and the duration, token and cost metrics under the tags of `context`
 * (the caller's). The span rides along for exemplars and budget alerts. The caller ends the span.
 */
export function finishModelCall(
  span: Span,
  start: ModelCallStart,
  result: ModelCallResult | undefined,
  errorType: string | undefined,
  context: Context,
): void {
  const now = performance.now();
  const operation = start.operation ?? semconv.GEN_AI_OPERATION_CHAT;
  const labels = labelsOf(operation, start.providerName, start.requestModel, result?.responseModel);
  const spanAttributes: Attributes = {};
  if (result?.responseModel !== undefined) spanAttributes[semconv.ATTR_GEN_AI_RESPONSE_MODEL] = result.responseModel;
  if (result?.responseId !== undefined) spanAttributes[semconv.ATTR_GEN_AI_RESPONSE_ID] = result.responseId;
  if (result !== undefined && result.finishReasons.length > 0) {
    spanAttributes[semconv.ATTR_GEN_AI_RESPONSE_FINISH_REASONS] = result.finishReasons as string[];
  }
  const records: MetricRecord[] = [
    {
      definition: METRICS.modelDuration,
      value: (now - start.startedAt) / 1000,
      attributes: errorType === undefined ? labels.call : Object.assign({}, labels.call, { [semconv.ATTR_ERROR_TYPE]: errorType }),
    },
  ];
  if (start.firstChunkAt !== undefined) {
    const seconds = (start.firstChunkAt - start.startedAt) / 1000;
    spanAttributes[semconv.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] = seconds;
    records.push({ definition: METRICS.timeToFirstChunk, value: seconds, attributes: labels.call });
  }
  if (result !== undefined) addUsage(span, spanAttributes, records, start, result, labels);
  span.setAttributes(spanAttributes);
  recordMetrics(records, { context, span });
}

function addUsage(
  span: Span,
  spanAttributes: Attributes,
  records: MetricRecord[],
  start: ModelCallStart,
  result: ModelCallResult,
  labels: ModelLabels,
): void {
  const usage = result.usage;
  if (usage === undefined) {
    // Never invent usage: mark the gap so cost reports can show it.
    span.setAttribute(semconv.ATTR_SIGHTLINE_USAGE_MISSING, true);
    countInternal(semconv.METRIC_SIGHTLINE_USAGE_MISSING, 'Model calls that reported no token usage', {
      [semconv.ATTR_GEN_AI_PROVIDER_NAME]: start.providerName ?? 'unknown',
      [semconv.ATTR_GEN_AI_REQUEST_MODEL]: start.requestModel ?? 'unknown',
    });
    return;
  }
  addUsageAttributes(spanAttributes, usage, labels.embeddings);
  records.push({ definition: METRICS.tokenUsage, value: usage.inputTokens, attributes: labels.inputTokens });
  // Embeddings produce vectors, not tokens: semconv records their input only.
  if (!labels.embeddings) records.push({ definition: METRICS.tokenUsage, value: usage.outputTokens, attributes: labels.outputTokens });
  addTokenDetails(records, usage, labels);
  // Azure reports the real model in the response but bills by deployment: price whichever name resolves.
  const priced = result.responseModel !== undefined && resolveModelPrice(result.responseModel) ? result.responseModel : start.requestModel;
  const cost = costOfModelCall(priced ?? result.responseModel, usage);
  if (cost === undefined) return;
  spanAttributes[semconv.ATTR_SIGHTLINE_COST_USD] = cost;
  records.push({ definition: METRICS.llmCost, value: cost, attributes: labels.call });
}

/**
 * Cached and reasoning tokens, when the provider reported them (as on the span): each a type of its own,
 * since they are subsets of the input or output tokens and must not be summed into those series twice.
 */
function addTokenDetails(records: MetricRecord[], usage: TokenUsage, labels: ModelLabels): void {
  if (usage.cacheReadInputTokens !== undefined) {
    records.push({ definition: METRICS.tokenUsage, value: usage.cacheReadInputTokens, attributes: labels.cacheReadTokens });
  }
  if (usage.cacheCreationInputTokens !== undefined) {
    records.push({ definition: METRICS.tokenUsage, value: usage.cacheCreationInputTokens, attributes: labels.cacheCreationTokens });
  }
  if (usage.reasoningOutputTokens !== undefined) {
    records.push({ definition: METRICS.tokenUsage, value: usage.reasoningOutputTokens, attributes: labels.reasoningTokens });
  }
}

function addUsageAttributes(attributes: Attributes, usage: TokenUsage, embeddings: boolean): void {
  attributes[semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS] = usage.inputTokens;
  if (!embeddings) attributes[semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS] = usage.outputTokens;
  if (usage.cacheReadInputTokens !== undefined) attributes[semconv.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS] = usage.cacheReadInputTokens;
  if (usage.cacheCreationInputTokens !== undefined) {
    attributes[semconv.ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS] = usage.cacheCreationInputTokens;
  }
  if (usage.reasoningOutputTokens !== undefined) {
    attributes[semconv.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS] = usage.reasoningOutputTokens;
  }
}
