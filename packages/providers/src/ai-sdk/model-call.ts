import type { Attributes } from '@opentelemetry/api';
import { countValue, finishModelCallFromSpan, semconv, usageFromSpanAttributes, type TokenUsage } from '@sightline/core/instrumentation';
import { secondsAttribute, stringAttribute, type HookSpan } from '../shared/span-reading.js';
import { failureTypeOf } from './failure.js';
import { handToEvaluators, promptFingerprint } from './hand-off.js';
import type { ProviderCall } from './provider-call.js';
import { providerNameOf } from './provider-names.js';

/** Where the AI SDK keeps a provider call's token counts (already in the semconv meaning: input with the cache, output with reasoning). */
const AI_SDK_USAGE = {
  input: semconv.ATTR_AI_USAGE_INPUT_TOKENS,
  output: semconv.ATTR_AI_USAGE_OUTPUT_TOKENS,
  cacheRead: semconv.ATTR_AI_USAGE_CACHE_READ_TOKENS,
  cacheCreation: semconv.ATTR_AI_USAGE_CACHE_WRITE_TOKENS,
  reasoning: semconv.ATTR_AI_USAGE_REASONING_TOKENS,
};

/**
 * Gives a provider-call span (`ai.generateText.doGenerate`, `ai.streamText.doStream`, `ai.embed.doEmbed`, …)
 * the model-call contract: the semconv operation, provider and model names, usage, cost, time to first chunk,
 * `error.type`, and the tagged metrics. A delegated call keeps only what the AI SDK wrote.
 */
export function finishProviderCall(span: HookSpan, call: ProviderCall): void {
  if (call.delegated) return;
  const attributes = span.attributes;
  const providerName = providerNameOf(stringAttribute(attributes, semconv.ATTR_AI_MODEL_PROVIDER));
  const requestModel =
    stringAttribute(attributes, semconv.ATTR_GEN_AI_REQUEST_MODEL) ?? stringAttribute(attributes, semconv.ATTR_AI_MODEL_ID);
  const errorType = failureTypeOf(span);
  const named: Attributes = { [semconv.ATTR_GEN_AI_OPERATION_NAME]: call.operation };
  if (providerName !== undefined) named[semconv.ATTR_GEN_AI_PROVIDER_NAME] = providerName;
  if (requestModel !== undefined) named[semconv.ATTR_GEN_AI_REQUEST_MODEL] = requestModel;
  if (errorType !== undefined) named[semconv.ATTR_ERROR_TYPE] = errorType;
  const fingerprint = call.operation === semconv.GEN_AI_OPERATION_CHAT ? promptFingerprint(attributes, requestModel) : undefined;
  if (fingerprint !== undefined) named[semconv.ATTR_SIGHTLINE_PROMPT_HASH] = fingerprint;
  span.setAttributes(named);
  const usage = usageOf(attributes, call.operation);
  const finishReason = stringAttribute(attributes, semconv.ATTR_AI_RESPONSE_FINISH_REASON);
  finishModelCallFromSpan(
    span,
    {
      operation: call.operation,
      providerName,
      requestModel,
      startedAt: call.startedAt,
      timeToFirstChunk: secondsAttribute(attributes, semconv.ATTR_AI_RESPONSE_MS_TO_FIRST_CHUNK, 1000),
      result:
        errorType === undefined || usage !== undefined
          ? {
              usage,
              responseModel: stringAttribute(attributes, semconv.ATTR_AI_RESPONSE_MODEL),
              responseId: stringAttribute(attributes, semconv.ATTR_AI_RESPONSE_ID),
              finishReasons: finishReason === undefined ? [] : [finishReason],
            }
          : undefined,
      errorType,
    },
    call.context,
  );
  if (errorType === undefined) handToEvaluators(span, call, requestModel, providerName);
}

function usageOf(attributes: Attributes, operation: string): TokenUsage | undefined {
  // generateObject's provider call names only the totals, under the semconv names (and older ai.usage.* ones).
  if (operation !== semconv.GEN_AI_OPERATION_EMBEDDINGS)
    return usageFromSpanAttributes(attributes, AI_SDK_USAGE) ?? usageFromSpanAttributes(attributes);
  // The AI SDK reports NaN when the provider gave no count, which reads as none.
  const tokens = countValue(attributes[semconv.ATTR_AI_USAGE_TOKENS]);
  return tokens === undefined ? undefined : { inputTokens: tokens, outputTokens: 0 };
}
