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
import { lastAiSdkText } from '../shared/message-json.js';
import { stringAttribute, type HookSpan } from '../shared/span-reading.js';
import type { ProviderCall } from './provider-call.js';

/** The request settings the AI SDK names on a provider call that change its answer, as the fingerprint's parameters. */
const PARAMETERS: readonly [name: string, attribute: string][] = [
  ['temperature', semconv.ATTR_GEN_AI_REQUEST_TEMPERATURE],
  ['max_tokens', semconv.ATTR_GEN_AI_REQUEST_MAX_TOKENS],
  ['top_p', semconv.ATTR_GEN_AI_REQUEST_TOP_P],
  ['top_k', semconv.ATTR_GEN_AI_REQUEST_TOP_K],
  ['tools', semconv.ATTR_AI_PROMPT_TOOLS],
];

/**
 * `sightline.prompt.hash` of a chat provider call, from the prompt the AI SDK put on the span
 * (`ai.prompt.messages`, there unless the call sets `recordInputs: false`): the JSON text as the AI SDK
 * wrote it, which is the same for the same messages, so the report finds redundant calls.
 */
export function promptFingerprint(attributes: Attributes, model: string | undefined): string | undefined {
  const messages = stringAttribute(attributes, semconv.ATTR_AI_PROMPT_MESSAGES);
  if (messages === undefined) return undefined;
  const parameters: Record<string, unknown> = {};
  for (const [name, attribute] of PARAMETERS) if (attributes[attribute] !== undefined) parameters[name] = attributes[attribute];
  return promptHash({ model, prompt: messages, parameters });
}

/**
 * Hands a finished chat provider call to the evaluators, when there are any and the call is not a
 * judge's: its last user message and its answer, as the AI SDK recorded them on the span.
 */
export function handToEvaluators(span: HookSpan, call: ProviderCall, model: string | undefined, providerName: string | undefined): void {
  if (call.operation !== semconv.GEN_AI_OPERATION_CHAT || !isEvaluationEnabled() || isInsideEvaluation(call.context)) return;
  const attributes = span.attributes;
  const answer = stringAttribute(attributes, semconv.ATTR_AI_RESPONSE_TEXT) ?? stringAttribute(attributes, semconv.ATTR_AI_RESPONSE_OBJECT);
  const question = lastAiSdkText(attributes[semconv.ATTR_AI_PROMPT_MESSAGES], 'user');
  if (answer === undefined || question === undefined) return;
  submitForEvaluation({
    spanContext: span.spanContext(),
    question,
    answer,
    model: stringAttribute(attributes, semconv.ATTR_AI_RESPONSE_MODEL) ?? model ?? 'unknown',
    provider: providerName,
    tags: call.context.getValue(TAGS_CONTEXT_KEY) as Readonly<Record<string, TagValue>> | undefined,
    responseId: stringAttribute(attributes, semconv.ATTR_AI_RESPONSE_ID),
  });
}
