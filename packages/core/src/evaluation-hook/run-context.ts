import { context as contextApi, ROOT_CONTEXT, trace, type Context, type SpanContext } from '@opentelemetry/api';
import { writeTags, type TagRecord } from '../tags/tag-context.js';

/**
 * The context an evaluation's signals are recorded in: the evaluated span (so
 * log records are parented to it and histograms get its exemplar) and the
 * call's original tags (so scores can be sliced like the call itself). The tags
 * are the call's own, validated when they were set, so they are written as they are.
 */
export function signalContextFor(spanContext: SpanContext, tags: TagRecord): Context {
  return writeTags(trace.setSpanContext(ROOT_CONTEXT, spanContext), tags);
}

/** Marks contexts that evaluators run in; see `isInsideEvaluation`. */
const EVALUATION_RUN_KEY = Symbol.for('sightline.evaluation.run');

/**
 * The context evaluators run in: the original tags but no span, so a judge's
 * own model call starts a trace of its own instead of growing the user's. It is
 * marked, so that the judge's model calls are not themselves submitted for
 * evaluation (which would never end), nor measured as requests.
 */
export function evaluatorContextFor(tags: TagRecord): Context {
  return writeTags(ROOT_CONTEXT, tags).setValue(EVALUATION_RUN_KEY, true);
}

/** Whether `ctx` descends from an evaluator's context: a judge's own call, never to be evaluated. */
export function isInsideEvaluation(ctx: Context = contextApi.active()): boolean {
  return ctx.getValue(EVALUATION_RUN_KEY) === true;
}
