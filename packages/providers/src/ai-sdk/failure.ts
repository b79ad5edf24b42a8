import { SpanStatusCode } from '@opentelemetry/api';
import { semconv } from '@sightline/core/instrumentation';
import { stringAttribute, type HookSpan } from '../shared/span-reading.js';

/**
 * The `error.type` of a failed AI SDK span: the AI SDK sets no such attribute, only the ERROR status and an
 * exception event whose `exception.type` is the error's name (`AI_APICallError`, `AbortError`, …).
 */
export function failureTypeOf(span: HookSpan): string | undefined {
  if (span.status.code !== SpanStatusCode.ERROR) return undefined;
  const recorded = stringAttribute(span.attributes, semconv.ATTR_ERROR_TYPE);
  if (recorded !== undefined) return recorded;
  for (const event of span.events) {
    const type = event.attributes === undefined ? undefined : stringAttribute(event.attributes, semconv.ATTR_EXCEPTION_TYPE);
    if (type !== undefined) return type;
  }
  return semconv.ERROR_TYPE_OTHER;
}
