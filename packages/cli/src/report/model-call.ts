import { semconv } from '@sightline/core';
import { OTLP_STATUS_ERROR, type SpanRecord } from '../read/otlp.js';
import type { ModelCall } from './usage-stats.js';

/** A failed span: status ERROR, or an `error.type` (some instrumentations set only that). */
export function spanFailed(span: SpanRecord): boolean {
  return span.statusCode === OTLP_STATUS_ERROR || span.attributes[semconv.ATTR_ERROR_TYPE] !== undefined;
}

/** What the report reads from a model span. Values of the wrong type count as absent, never as NaN. */
export function modelCallOf(span: SpanRecord, failed: boolean): ModelCall {
  const { attributes } = span;
  // Core writes no cost when usage is missing; a cost next to that mark (another writer) is not trusted either.
  const usageMissing = attributes[semconv.ATTR_SIGHTLINE_USAGE_MISSING] === true;
  return {
    model: stringOr(attributes[semconv.ATTR_GEN_AI_REQUEST_MODEL] ?? attributes[semconv.ATTR_GEN_AI_RESPONSE_MODEL], 'unknown'),
    inputTokens: count(attributes[semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS]),
    outputTokens: count(attributes[semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]),
    cacheReadInputTokens: count(attributes[semconv.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]),
    reasoningOutputTokens: count(attributes[semconv.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS]),
    costUsd: usageMissing ? undefined : nonNegative(attributes[semconv.ATTR_SIGHTLINE_COST_USD]),
    durationSeconds: span.durationSeconds,
    timeToFirstTokenSeconds: nonNegative(attributes[semconv.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK]),
    failed,
  };
}

export function stringOr(value: unknown, fallback: string): string {
  return value === undefined || value === null || value === '' ? fallback : String(value);
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function nonNegative(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
