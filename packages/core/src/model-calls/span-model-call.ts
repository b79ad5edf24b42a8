import type { Attributes, Context } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/sdk-trace';
import type { TokenUsage } from '../pricing/types.js';
import * as semconv from '../semconv.js';
import { countValue } from './loose-fields.js';
import { finishModelCall, type ModelCallResult } from './model-call.js';

/**
 * A model call that another library recorded on a span of its own (the Anthropic SDK's call span, the
 * AI SDK's provider-call span), as read from that span's attributes by the package that completes it.
 */
export interface SpanModelCall {
  /** `ATTR_GEN_AI_OPERATION_NAME`; chat when unset. */
  operation?: string;
  providerName: string | undefined;
  requestModel: string | undefined;
  /** `performance.now()` when the span started, taken by the span hook's `onStart`. */
  startedAt: number;
  /** Seconds from the start to the first streamed chunk, as the library measured it. */
  timeToFirstChunk?: number;
  /** `undefined` for a call that failed without reporting usage. */
  result: ModelCallResult | undefined;
  errorType: string | undefined;
}

/**
 * Completes a foreign model-call span while it can still take attributes (a span hook's `onEnding`):
 * the same usage, cost and response attributes and tagged metrics as Sightline's own model spans,
 * under the tags of `context` (the span's parent context, kept from `onStart`). The library ends the span.
 */
export function finishModelCallFromSpan(span: Span, call: SpanModelCall, context: Context): void {
  const firstChunkAt = call.timeToFirstChunk === undefined ? undefined : call.startedAt + call.timeToFirstChunk * 1000;
  finishModelCall(
    span,
    {
      operation: call.operation,
      providerName: call.providerName,
      requestModel: call.requestModel,
      startedAt: call.startedAt,
      firstChunkAt,
    },
    call.result,
    call.errorType,
    context,
  );
}

/** Where a span keeps its token counts, when they are not under the semconv names. */
export interface UsageAttributeNames {
  input: string;
  output: string;
  cacheRead: string;
  cacheCreation: string;
  reasoning: string;
}

/** The semconv usage names (`ATTR_GEN_AI_USAGE_*`; input includes cache reads and writes, output includes reasoning). */
export const SEMCONV_USAGE_ATTRIBUTES: UsageAttributeNames = {
  input: semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  output: semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  cacheRead: semconv.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  cacheCreation: semconv.ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  reasoning: semconv.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
};

/**
 * A span's token counts, read from `names` (which must hold the semconv meaning: input with the cache,
 * output with reasoning); `undefined` when the span has neither an input nor an output count.
 */
export function usageFromSpanAttributes(
  attributes: Attributes,
  names: UsageAttributeNames = SEMCONV_USAGE_ATTRIBUTES,
): TokenUsage | undefined {
  const input = countValue(attributes[names.input]);
  const output = countValue(attributes[names.output]);
  if (input === undefined && output === undefined) return undefined;
  const usage: TokenUsage = { inputTokens: input ?? 0, outputTokens: output ?? 0 };
  const cacheRead = countValue(attributes[names.cacheRead]);
  const cacheCreation = countValue(attributes[names.cacheCreation]);
  const reasoning = countValue(attributes[names.reasoning]);
  if (cacheRead !== undefined) usage.cacheReadInputTokens = cacheRead;
  if (cacheCreation !== undefined) usage.cacheCreationInputTokens = cacheCreation;
  if (reasoning !== undefined) usage.reasoningOutputTokens = reasoning;
  return usage;
}
