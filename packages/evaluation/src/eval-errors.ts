import { countInternal, semconv } from '@sightline/core/instrumentation';

/** Counts an evaluation that produced no score: `METRIC_SIGHTLINE_EVAL_ERRORS` by `ATTR_SIGHTLINE_REASON` and `ATTR_GEN_AI_EVALUATION_NAME`. */
export function countEvalError(reason: string, evaluationName: string): void {
  countInternal(semconv.METRIC_SIGHTLINE_EVAL_ERRORS, 'Evaluations that produced no score, by reason', {
    [semconv.ATTR_SIGHTLINE_REASON]: reason,
    [semconv.ATTR_GEN_AI_EVALUATION_NAME]: evaluationName,
  });
}
