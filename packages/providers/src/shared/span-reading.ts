import type { Attributes, Context } from '@opentelemetry/api';
import { nonEmptyString, semconv, type SpanHook } from '@sightline/core/instrumentation';

/** The SDK span that span hooks receive (named through core, since this package depends on the API alone). */
export type HookSpan = Parameters<NonNullable<SpanHook['onStart']>>[0];

/** What a span hook keeps of a foreign model-call span from its start to its end. */
export interface StartedCall {
  /** The parent context: its tags label the call's metrics. */
  readonly context: Context;
  /** `performance.now()` at the span's start. */
  readonly startedAt: number;
}

/** The name of the tracer that started `span` (the SDK 2 and 3 field), or `undefined`. */
export function scopeOf(span: HookSpan): string | undefined {
  return span.instrumentationScope?.name;
}

export function stringAttribute(attributes: Attributes, key: string): string | undefined {
  return nonEmptyString(attributes[key]);
}

/** A finite number of seconds, from an attribute in `unit`s of a second (1 for seconds, 1000 for milliseconds). */
export function secondsAttribute(attributes: Attributes, key: string, perSecond: number): number | undefined {
  const value = attributes[key];
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value / perSecond : undefined;
}

/** The finish reasons the span already has, as strings, or `undefined`. */
export function finishReasonsOf(attributes: Attributes): string[] | undefined {
  const reasons = attributes[semconv.ATTR_GEN_AI_RESPONSE_FINISH_REASONS];
  if (!Array.isArray(reasons)) return undefined;
  const strings = reasons.filter((reason): reason is string => typeof reason === 'string' && reason.length > 0);
  return strings.length > 0 ? strings : undefined;
}
