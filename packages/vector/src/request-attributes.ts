import type { Attributes } from '@opentelemetry/api';
import { isContentCaptureEnabled, semconv } from '@sightline/core/instrumentation';

// These run on every call, so they write into the caller's object rather than
// building and spreading small ones.

/** Filters can be large; a captured one is cut here. */
const MAX_FILTER_CHARS = 1024;

/** `ATTR_GEN_AI_REQUEST_TOP_K`, when `k` is a usable number. */
export function addTopK(attributes: Attributes, k: unknown): void {
  if (typeof k === 'number' && Number.isInteger(k) && k >= 0) attributes[semconv.ATTR_GEN_AI_REQUEST_TOP_K] = k;
}

/** The embedding dimension, read off the first vector sent. */
export function addDimension(attributes: Attributes, vectors: unknown): void {
  const first = Array.isArray(vectors) ? (vectors[0] as unknown) : undefined;
  if (Array.isArray(first) && first.length > 0) attributes[semconv.ATTR_SIGHTLINE_VECTOR_EMBEDDING_DIMENSION] = first.length;
}

/**
 * Whether a filter was used, always; the filter itself only when content
 * capture is on, because filter values often hold user or tenant identifiers.
 * Filters that are not plain data (a predicate function) are never captured.
 */
export function addFilter(attributes: Attributes, filter: unknown): void {
  const used = isUsedFilter(filter);
  attributes[semconv.ATTR_SIGHTLINE_VECTOR_FILTER_USED] = used;
  if (used && typeof filter !== 'function' && isContentCaptureEnabled()) {
    const json = safeJson(filter);
    if (json !== undefined) attributes[semconv.ATTR_SIGHTLINE_VECTOR_FILTER_VALUE] = json.slice(0, MAX_FILTER_CHARS);
  }
}

function isUsedFilter(filter: unknown): boolean {
  if (typeof filter === 'function') return true;
  if (filter === null || typeof filter !== 'object') return false;
  for (const value of Object.values(filter)) if (value !== undefined && !isEmptyObject(value)) return true;
  return false;
}

function isEmptyObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  for (const _key in value) return false;
  return true;
}

function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
