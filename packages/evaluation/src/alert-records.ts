import { semconv, type AlertRecord, type DriftAlert, type QualityBreachAlert } from '@sightline/core/instrumentation';

/** The `sightline.alert` log record of a quality alert. */
export function qualityAlertRecord(alert: QualityBreachAlert | DriftAlert): AlertRecord {
  if (alert.kind === 'quality_breach') {
    return {
      kind: semconv.ALERT_KIND_QUALITY_BREACH,
      severe: false,
      message: `${alert.evaluationName} scored ${alert.score} (below ${alert.threshold}) on ${alert.model}`,
      attributes: {
        [semconv.ATTR_GEN_AI_EVALUATION_NAME]: alert.evaluationName,
        [semconv.ATTR_GEN_AI_EVALUATION_SCORE_VALUE]: alert.score,
        [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: alert.model,
      },
    };
  }
  const against = alert.reason === 'model_change' ? `${alert.previousModel ?? 'the previous model'}'s` : 'its own baseline';
  return {
    kind: semconv.ALERT_KIND_DRIFT,
    severe: false,
    message:
      `mean ${alert.evaluationName} on ${alert.model} fell to ${alert.currentMean.toFixed(3)}, ` +
      `more than ${alert.delta} below ${against} ${alert.referenceMean.toFixed(3)}`,
    attributes: { [semconv.ATTR_GEN_AI_EVALUATION_NAME]: alert.evaluationName, [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: alert.model },
  };
}
