import type { AlertRecord } from '../alerts/alert-record.js';
import type { BudgetAlert } from '../budgets/types.js';
import type { UntaggedSpikeAlert } from '../alerts/untagged-spike.js';
import {
  ALERT_KIND_DRIFT,
  ALERT_KIND_QUALITY_BREACH,
  ATTR_GEN_AI_EVALUATION_NAME,
  ATTR_GEN_AI_EVALUATION_SCORE_VALUE,
  ATTR_GEN_AI_RESPONSE_MODEL,
} from '../semconv.js';
import type { TagValue } from '../tags/tag-context.js';

/**
 * Everything `onAlert` can receive, discriminated by `kind`. New kinds may join
 * this union; handlers should ignore kinds they do not know rather than assume
 * the list is closed.
 */
export type SightlineAlert = QualityBreachAlert | DriftAlert | BudgetAlert | UntaggedSpikeAlert;

/** The kinds known to this version of core. */
export type SightlineAlertKind = SightlineAlert['kind'];

/** One evaluation score fell below its threshold. */
export interface QualityBreachAlert {
  kind: 'quality_breach';
  evaluationName: string;
  score: number;
  threshold: number;
  label: string;
  model: string;
  provider: string | undefined;
  tags: Readonly<Record<string, TagValue>>;
  traceId: string;
  spanId: string;
  responseId: string | undefined;
}

/**
 * The rolling mean score of one evaluation fell more than `delta` below its
 * reference: the previous model version's mean (`model_change`) or this
 * version's own first window (`baseline`). Raised once per evaluation and model.
 */
export interface DriftAlert {
  kind: 'drift';
  reason: 'model_change' | 'baseline';
  evaluationName: string;
  model: string;
  /** The version compared against, for `model_change`. */
  previousModel: string | undefined;
  referenceMean: number;
  currentMean: number;
  delta: number;
}

/** The `sightline.alert` log record of a quality alert. */
export function qualityAlertRecord(alert: QualityBreachAlert | DriftAlert): AlertRecord {
  if (alert.kind === 'quality_breach') {
    return {
      kind: ALERT_KIND_QUALITY_BREACH,
      severe: false,
      message: `${alert.evaluationName} scored ${alert.score} (below ${alert.threshold}) on ${alert.model}`,
      attributes: {
        [ATTR_GEN_AI_EVALUATION_NAME]: alert.evaluationName,
        [ATTR_GEN_AI_EVALUATION_SCORE_VALUE]: alert.score,
        [ATTR_GEN_AI_RESPONSE_MODEL]: alert.model,
      },
    };
  }
  const against = alert.reason === 'model_change' ? `${alert.previousModel ?? 'the previous model'}'s` : 'its own baseline';
  return {
    kind: ALERT_KIND_DRIFT,
    severe: false,
    message:
      `mean ${alert.evaluationName} on ${alert.model} fell to ${alert.currentMean.toFixed(3)}, ` +
      `more than ${alert.delta} below ${against} ${alert.referenceMean.toFixed(3)}`,
    attributes: { [ATTR_GEN_AI_EVALUATION_NAME]: alert.evaluationName, [ATTR_GEN_AI_RESPONSE_MODEL]: alert.model },
  };
}
