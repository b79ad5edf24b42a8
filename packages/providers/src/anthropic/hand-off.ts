import type { Attributes } from '@opentelemetry/api';
import {
  isEvaluationEnabled,
  isInsideEvaluation,
  promptHash,
  semconv,
  submitForEvaluation,
  TAGS_CONTEXT_KEY,
  type TagValue,
} from '@sightline/core/instrumentation';
import { lastSemconvText } from '../shared/message-json.js';
import { stringAttribute, type HookSpan, type StartedCall } from '../shared/span-reading.js';

/**
 * `sightline.prompt.hash` of a call whose prompt the SDK recorded: only in its content mode
 * (`openTelemetry: { traces: { contentMode: 'content' } }`), which puts the system prompt and the
 * messages on the span. The model and the maximum output tokens are part of it.
 */
export function promptFingerprint(attributes: Attributes): string | undefined {
  const messages = stringAttribute(attributes, semconv.ATTR_GEN_AI_INPUT_MESSAGES);
  if (messages === undefined) return undefined;
  return promptHash({
    model: stringAttribute(attributes, semconv.ATTR_GEN_AI_REQUEST_MODEL),
    prompt: [stringAttribute(attributes, semconv.ATTR_GEN_AI_SYSTEM_INSTRUCTIONS), messages],
    parameters: { max_tokens: attributes[semconv.ATTR_GEN_AI_REQUEST_MAX_TOKENS] },
  });
}

/** Hands a call that the SDK recorded with its content to the evaluators: the last user message and the answer's text. */
export function handToEvaluators(span: HookSpan, call: StartedCall): void {
  if (!isEvaluationEnabled() || isInsideEvaluation(call.context)) return;
  const attributes = span.attributes;
  const question = lastSemconvText(attributes[semconv.ATTR_GEN_AI_INPUT_MESSAGES], 'user');
  const answer = lastSemconvText(attributes[semconv.ATTR_GEN_AI_OUTPUT_MESSAGES], 'assistant');
  if (question === undefined || answer === undefined) return;
  submitForEvaluation({
    spanContext: span.spanContext(),
    question,
    answer,
    model:
      stringAttribute(attributes, semconv.ATTR_GEN_AI_RESPONSE_MODEL) ??
      stringAttribute(attributes, semconv.ATTR_GEN_AI_REQUEST_MODEL) ??
      'unknown',
    provider: stringAttribute(attributes, semconv.ATTR_GEN_AI_PROVIDER_NAME),
    tags: call.context.getValue(TAGS_CONTEXT_KEY) as Readonly<Record<string, TagValue>> | undefined,
    responseId: stringAttribute(attributes, semconv.ATTR_GEN_AI_RESPONSE_ID),
  });
}
