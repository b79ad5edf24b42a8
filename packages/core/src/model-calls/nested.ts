import { SpanKind, trace, type Context } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/sdk-trace';
import { ATTR_GEN_AI_OPERATION_NAME, ATTR_SIGHTLINE_MODEL_CALL_NESTED, GEN_AI_MODEL_OPERATIONS } from '../semconv.js';

const MODEL_OPERATIONS: ReadonlySet<unknown> = new Set(GEN_AI_MODEL_OPERATIONS);

/** Whether `attributes` are a model call's: chat, text completion, content generation or embeddings. */
export function isModelCall(attributes: Readonly<Record<string, unknown>> | undefined): boolean {
  return MODEL_OPERATIONS.has(attributes?.[ATTR_GEN_AI_OPERATION_NAME]);
}

/**
 * Marks a model-call (CLIENT) span that starts inside another model-call span with `ATTR_SIGHTLINE_MODEL_CALL_NESTED`:
 * two instrumentations saw one call, and only the outer one counts it. Returns whether it did.
 */
export function markNestedModelCall(span: Span, parentContext: Context): boolean {
  // Model calls are CLIENT spans: one field read for every other span, which is nearly all of them.
  if (span.kind !== SpanKind.CLIENT || !isModelCall(span.attributes)) return false;
  const parent = trace.getSpan(parentContext) as { attributes?: Readonly<Record<string, unknown>> } | undefined;
  if (!isModelCall(parent?.attributes)) return false;
  span.setAttribute(ATTR_SIGHTLINE_MODEL_CALL_NESTED, true);
  return true;
}
