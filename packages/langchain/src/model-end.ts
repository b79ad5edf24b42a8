import type { Attributes, Span } from '@opentelemetry/api';
import {
  costOfModelCall,
  countInternal,
  METRICS,
  recordMetrics,
  resolveModelPrice,
  semconv,
  type MetricRecord,
  type RecordOptions,
  type TokenUsage,
} from '@sightline/core/instrumentation';
import type { ModelRunState, RunEntry } from './run-entry.js';
import type { ModelResponse } from './usage/model-response.js';

/**
 * The model span's last words: usage, cost and response attributes on the span,
 * and the duration, token and cost metrics under the run's tags. This span is
 * the only one that carries usage and cost for the call.
 */
export function finishModelRun(entry: RunEntry, response: ModelResponse | undefined, errorType: string | undefined): void {
  const span = entry.span;
  const model = entry.model;
  if (span === undefined || model === undefined) return;
  const durationSeconds = (performance.now() - model.startedAt) / 1000;
  const labels = labelsOf(model.providerName, model.requestModel, response?.responseModel);
  const metricAttributes = labels.call;
  const spanAttributes: Attributes = {};
  if (response?.responseModel !== undefined) spanAttributes[semconv.ATTR_GEN_AI_RESPONSE_MODEL] = response.responseModel;
  if (response?.responseId !== undefined) spanAttributes[semconv.ATTR_GEN_AI_RESPONSE_ID] = response.responseId;
  if (response !== undefined && response.finishReasons.length > 0) {
    spanAttributes[semconv.ATTR_GEN_AI_RESPONSE_FINISH_REASONS] = response.finishReasons;
  }
  const records: MetricRecord[] = [
    {
      definition: METRICS.modelDuration,
      value: durationSeconds,
      attributes:
        errorType === undefined ? metricAttributes : Object.assign({}, metricAttributes, { [semconv.ATTR_ERROR_TYPE]: errorType }),
    },
  ];
  addTimeToFirstChunk(spanAttributes, records, model, metricAttributes);
  if (response !== undefined) addUsage(span, spanAttributes, records, model, response, labels);
  span.setAttributes(spanAttributes);
  // The caller's context carries the tags; the span rides along for exemplars and budget alerts.
  const options: RecordOptions = { context: entry.parentContext, span };
  recordMetrics(records, options);
}

/** A model's metric attributes: the call's, and one per token type (input, output and the cached and reasoning subsets). */
interface ModelLabels {
  readonly call: Attributes;
  readonly inputTokens: Attributes;
  readonly outputTokens: Attributes;
  readonly cacheReadTokens: Attributes;
  readonly cacheCreationTokens: Attributes;
  readonly reasoningTokens: Attributes;
}

/**
 * Label sets per provider and model, built once: every call of a model records the
 * same three. Bounded; past the bound a new model's labels are built per call.
 */
const labelCache = new Map<string | undefined, Map<string | undefined, Map<string | undefined, ModelLabels>>>();
const MAX_CACHED_LABELS = 256;
let cachedLabels = 0;

/** Found through a map per name (no key string built per call, which would be hashed afresh each time). */
function labelsOf(providerName: string | undefined, requestModel: string | undefined, responseModel: string | undefined): ModelLabels {
  let labels = labelCache.get(providerName)?.get(requestModel)?.get(responseModel);
  if (labels === undefined) {
    const call: Attributes = { [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_CHAT };
    if (providerName !== undefined) call[semconv.ATTR_GEN_AI_PROVIDER_NAME] = providerName;
    if (requestModel !== undefined) call[semconv.ATTR_GEN_AI_REQUEST_MODEL] = requestModel;
    if (responseModel !== undefined) call[semconv.ATTR_GEN_AI_RESPONSE_MODEL] = responseModel;
    labels = Object.freeze({
      call: Object.freeze(call),
      inputTokens: Object.freeze({ ...call, [semconv.ATTR_GEN_AI_TOKEN_TYPE]: semconv.GEN_AI_TOKEN_TYPE_INPUT }),
      outputTokens: Object.freeze({ ...call, [semconv.ATTR_GEN_AI_TOKEN_TYPE]: semconv.GEN_AI_TOKEN_TYPE_OUTPUT }),
      cacheReadTokens: Object.freeze({ ...call, [semconv.ATTR_GEN_AI_TOKEN_TYPE]: semconv.GEN_AI_TOKEN_TYPE_CACHE_READ }),
      cacheCreationTokens: Object.freeze({ ...call, [semconv.ATTR_GEN_AI_TOKEN_TYPE]: semconv.GEN_AI_TOKEN_TYPE_CACHE_CREATION }),
      reasoningTokens: Object.freeze({ ...call, [semconv.ATTR_GEN_AI_TOKEN_TYPE]: semconv.GEN_AI_TOKEN_TYPE_REASONING }),
    });
    if (cachedLabels < MAX_CACHED_LABELS) {
      cachedLabels++;
      mapIn(mapIn(labelCache, providerName), requestModel).set(responseModel, labels);
    }
  }
  return labels;
}

function mapIn<K, V>(map: Map<K, Map<string | undefined, V>>, key: K): Map<string | undefined, V> {
  let inner = map.get(key);
  if (inner === undefined) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}

function addUsage(
  span: Span,
  spanAttributes: Attributes,
  records: MetricRecord[],
  model: ModelRunState,
  response: ModelResponse,
  labels: ModelLabels,
): void {
  const usage = response.usage;
  if (usage === undefined) {
    // Never invent usage: mark the gap so cost reports can show it.
    span.setAttribute(semconv.ATTR_SIGHTLINE_USAGE_MISSING, true);
    countInternal(semconv.METRIC_SIGHTLINE_USAGE_MISSING, 'Model calls that reported no token usage', {
      [semconv.ATTR_GEN_AI_PROVIDER_NAME]: model.providerName ?? 'unknown',
      [semconv.ATTR_GEN_AI_REQUEST_MODEL]: model.requestModel ?? 'unknown',
    });
    return;
  }
  addUsageAttributes(spanAttributes, usage);
  records.push(
    { definition: METRICS.tokenUsage, value: usage.inputTokens, attributes: labels.inputTokens },
    { definition: METRICS.tokenUsage, value: usage.outputTokens, attributes: labels.outputTokens },
  );
  addTokenDetails(records, usage, labels);
  // Azure reports the real model in the response but bills by deployment: price whichever name resolves.
  const priced =
    response.responseModel !== undefined && resolveModelPrice(response.responseModel) ? response.responseModel : model.requestModel;
  const cost = costOfModelCall(priced ?? response.responseModel, usage);
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

function addTimeToFirstChunk(spanAttributes: Attributes, records: MetricRecord[], model: ModelRunState, attributes: Attributes): void {
  if (model.firstChunkAt === undefined) return;
  const seconds = (model.firstChunkAt - model.startedAt) / 1000;
  spanAttributes[semconv.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] = seconds;
  records.push({ definition: METRICS.timeToFirstChunk, value: seconds, attributes });
}

function addUsageAttributes(attributes: Attributes, usage: TokenUsage): void {
  attributes[semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS] = usage.inputTokens;
  attributes[semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS] = usage.outputTokens;
  if (usage.cacheReadInputTokens !== undefined) attributes[semconv.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS] = usage.cacheReadInputTokens;
  if (usage.cacheCreationInputTokens !== undefined) {
    attributes[semconv.ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS] = usage.cacheCreationInputTokens;
  }
  if (usage.reasoningOutputTokens !== undefined) {
    attributes[semconv.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS] = usage.reasoningOutputTokens;
  }
}
