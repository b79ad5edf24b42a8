import { SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import { finishModelCallFromSpan, isModelCall, semconv, usageFromSpanAttributes, type SpanHook } from '@sightline/core/instrumentation';
import { handToEvaluators, promptFingerprint } from './hand-off.js';
import { finishReasonsOf, scopeOf, secondsAttribute, stringAttribute, type HookSpan, type StartedCall } from '../shared/span-reading.js';

/** The SDK names its cache writes apart; everything else is under the semconv names, with the semconv meaning. */
const ANTHROPIC_USAGE = {
  input: semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  output: semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  cacheRead: semconv.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  cacheCreation: semconv.ATTR_ANTHROPIC_USAGE_CACHE_WRITE_INPUT_TOKENS,
  reasoning: semconv.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
};

/**
 * `error.type` of a call the application aborted before a response arrived: the SDK leaves such a span
 * without a status or an error type. The class name of the error the app gets, as the openai path records it.
 */
const ABORTED = 'APIUserAbortError';

/**
 * Completes the call spans that `@anthropic-ai/sdk` emits itself (`anthropic.messages.create`): the SDK
 * already records the request, the response, usage and the first chunk; Sightline adds the cost, the
 * semconv names the SDK lacks, and the tagged metrics, under the tags of the call's parent context.
 *
 * No double counting: a call made inside another instrumentation's model-call span (LangChain's
 * ChatAnthropic runs this SDK; so may a wrapper of Sightline's) is counted by that span, so this one is
 * left as the SDK wrote it.
 */
export function anthropicCallSpanHook(): SpanHook {
  const started = new WeakMap<HookSpan, StartedCall>();
  return {
    onStart(span, parentContext) {
      if (span.name !== semconv.ANTHROPIC_SPAN_MESSAGES_CREATE || !scopeOf(span)?.startsWith(semconv.ANTHROPIC_SDK_SCOPE)) return;
      if (insideModelCall(parentContext)) return;
      started.set(span, { context: parentContext, startedAt: performance.now() });
    },
    onEnding(span) {
      const call = started.get(span);
      if (call === undefined) return;
      started.delete(span);
      finishAnthropicCall(span, call);
    },
  };
}

function insideModelCall(parentContext: Context): boolean {
  const parent = trace.getSpan(parentContext) as { attributes?: Record<string, unknown> } | undefined;
  return isModelCall(parent?.attributes);
}

function finishAnthropicCall(span: HookSpan, call: StartedCall): void {
  const attributes = span.attributes;
  const stopReason = stringAttribute(attributes, semconv.ATTR_ANTHROPIC_MESSAGE_STOP_REASON);
  const errorType = errorTypeOf(span);
  const usage = usageFromSpanAttributes(attributes, ANTHROPIC_USAGE);
  if (errorType !== undefined) span.setAttribute(semconv.ATTR_ERROR_TYPE, errorType);
  const fingerprint = promptFingerprint(attributes);
  if (fingerprint !== undefined) span.setAttribute(semconv.ATTR_SIGHTLINE_PROMPT_HASH, fingerprint);
  // A failed call's usage, when the SDK got some (a stream cut after message_start), is still billed.
  const answered = errorType === undefined || usage !== undefined;
  finishModelCallFromSpan(
    span,
    {
      operation: stringAttribute(attributes, semconv.ATTR_GEN_AI_OPERATION_NAME),
      providerName: stringAttribute(attributes, semconv.ATTR_GEN_AI_PROVIDER_NAME),
      requestModel: stringAttribute(attributes, semconv.ATTR_GEN_AI_REQUEST_MODEL),
      startedAt: call.startedAt,
      timeToFirstChunk: secondsAttribute(attributes, semconv.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, 1),
      result: answered
        ? {
            usage,
            responseModel: stringAttribute(attributes, semconv.ATTR_GEN_AI_RESPONSE_MODEL),
            responseId: stringAttribute(attributes, semconv.ATTR_GEN_AI_RESPONSE_ID),
            finishReasons: finishReasonsOf(attributes) ?? (stopReason === undefined ? [] : [stopReason]),
          }
        : undefined,
      errorType,
    },
    call.context,
  );
  if (errorType === undefined) handToEvaluators(span, call);
}

/**
 * The SDK's own `error.type` (the API's error type, `connection_error`, `client_timeout_error`, …), or an
 * abort for a call that ended with no status and no response. A stream that the application closes, by a
 * break or an abort, ends with what had arrived and no error, as on the openai path.
 */
function errorTypeOf(span: HookSpan): string | undefined {
  const recorded = stringAttribute(span.attributes, semconv.ATTR_ERROR_TYPE);
  if (recorded !== undefined) return recorded;
  if (span.status.code === SpanStatusCode.ERROR) return semconv.ERROR_TYPE_OTHER;
  if (span.status.code === SpanStatusCode.UNSET && span.attributes[semconv.ATTR_HTTP_RESPONSE_STATUS_CODE] === undefined) return ABORTED;
  return undefined;
}
