import { countInternal } from '../metrics/internal-counters.js';
import { ATTR_GEN_AI_EVALUATION_NAME, ATTR_SIGHTLINE_REASON, METRIC_SIGHTLINE_EVAL_ERRORS } from '../semconv.js';

/** Counts an evaluation that produced no score: `sightline.eval.errors{sightline.reason, gen_ai.evaluation.name}`. */
export function countEvalError(reason: string, evaluationName: string): void {
  countInternal(METRIC_SIGHTLINE_EVAL_ERRORS, 'Evaluations that produced no score, by reason', {
    [ATTR_SIGHTLINE_REASON]: reason,
    [ATTR_GEN_AI_EVALUATION_NAME]: evaluationName,
  });
}
