import {
  context as contextApi,
  INVALID_SPAN_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
} from '@opentelemetry/api';
import { createLogger } from '../internal/logger.js';
import { ATTR_ERROR_TYPE } from '../semconv.js';
import { errorTypeOf } from './error-type.js';
import { resolveParentContext } from './parent.js';
import { cachedTracer } from './tracer-cache.js';

const log = createLogger('traced');

export interface SpanSpec {
  /** Instrumentation scope, e.g. `@sightline/mcp`. */
  scope: string;
  name: string;
  kind?: SpanKind;
  attributes?: Attributes;
  links?: Link[];
  /** Explicit parent. Default: `resolveParentContext()`. */
  parent?: Context;
}

export interface SpanOutcome {
  error?: unknown;
  /** The `error.type` that was set, if any. */
  errorType?: string;
  durationSeconds: number;
  /** The span's context (its parent's tags, with the span): pass it to `recordMetric` as `context`. */
  context: Context;
}

export interface TracedHooks<R> {
  /** Reads attributes off the result. Runs guarded; cannot change the result. */
  onResult?(span: Span, result: R): void;
  /** Classifies a thrown error. Default: the error's name or `_OTHER`. */
  errorType?(error: unknown): string;
  /**
   * Runs once, just before the span ends (metrics go here). The span's context comes in
   * `outcome.context` rather than being made active: entering a context costs an
   * AsyncLocalStorage run per span.
   */
  onEnd?(span: Span, outcome: SpanOutcome): void;
}

/**
 * Runs `fn` inside a new span and returns exactly what `fn` returns: the same
 * value, the same promise object, the same thrown error. The span always ends,
 * once. If starting the span fails, `fn` still runs, with a non-recording span.
 */
export function traced<T>(spec: SpanSpec, fn: (span: Span) => T, hooks: TracedHooks<Awaited<T>> = {}): T {
  let span: Span;
  let spanContext: Context;
  let startedAt: number;
  try {
    const parent = spec.parent ?? resolveParentContext();
    span = cachedTracer(spec.scope).startSpan(
      spec.name,
      { kind: spec.kind ?? SpanKind.INTERNAL, attributes: spec.attributes, links: spec.links },
      parent,
    );
    spanContext = trace.setSpan(parent, span);
    startedAt = performance.now();
  } catch (error) {
    log.warnOnce('start', 'could not start a span; the call runs untraced', error);
    return fn(trace.wrapSpanContext(INVALID_SPAN_CONTEXT));
  }

  let ended = false;
  const finish = (failed: boolean, outcome: unknown): void => {
    if (ended) return;
    ended = true;
    let errorType: string | undefined;
    try {
      if (failed) {
        errorType = safeErrorType(hooks, outcome);
        markFailed(span, outcome, errorType);
      } else {
        hooks.onResult?.(span, outcome as Awaited<T>);
      }
      const durationSeconds = (performance.now() - startedAt) / 1000;
      hooks.onEnd?.(span, {
        error: failed ? outcome : undefined,
        errorType: errorType ?? currentErrorType(span),
        durationSeconds,
        context: spanContext,
      });
    } catch (error) {
      log.warnOnce(`finish:${spec.scope}`, 'span post-processing failed; the result is unaffected', error);
    } finally {
      span.end();
    }
  };

  let result: T;
  try {
    result = contextApi.with(spanContext, fn, undefined, span);
  } catch (error) {
    finish(true, error);
    throw error;
  }
  if (result instanceof Promise) {
    // A side branch: the caller keeps its own promise, and this branch never rejects.
    result.then(
      (value) => finish(false, value),
      (error: unknown) => finish(true, error),
    );
  } else {
    finish(false, result);
  }
  return result;
}

/** Ends `span` as failed with `error.type`, keeping the caller's error untouched. */
export function markFailed(span: Span, error: unknown, errorType: string = errorTypeOf(error)): void {
  span.setAttribute(ATTR_ERROR_TYPE, errorType);
  if (error instanceof Error) span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

function safeErrorType(hooks: TracedHooks<never>, error: unknown): string {
  try {
    return hooks.errorType?.(error) ?? errorTypeOf(error);
  } catch {
    return errorTypeOf(error);
  }
}

function currentErrorType(span: Span): string | undefined {
  const value = (span as { attributes?: Attributes }).attributes?.[ATTR_ERROR_TYPE];
  return typeof value === 'string' ? value : undefined;
}
