import type { Attributes, Context, SpanContext } from '@opentelemetry/api';
import {
  emitAlertRecord,
  logsApi,
  METER_NAME,
  METRICS,
  recordMetric,
  safely,
  semconv,
  SEVERITY,
  type DriftAlert,
  type QualityBreachAlert,
  type SightlineAlert,
} from '@sightline/core/instrumentation';
import { qualityAlertRecord } from './alert-records.js';
import type { DriftDetector } from './drift.js';
import { emitBreachSpan } from './breach-span.js';
import { countEvalError } from './eval-errors.js';
import type { EvaluationScore, TagRecord } from './types.js';

/** The evaluated call, as the signals need it. */
export interface ScoredCall {
  spanContext: SpanContext;
  /** Evaluated span + original tags: see `signalContextFor`. */
  signalContext: Context;
  model: string;
  provider: string | undefined;
  tags: TagRecord;
  traceId: string;
  responseId: string | undefined;
}

export interface ScoreEmitterOptions {
  captureContent: () => boolean;
  onAlert: ((alert: SightlineAlert) => void) | undefined;
  drift: DriftDetector | undefined;
}

/**
 * Turns one score into its signals: the evaluation-result log record (`semconv.EVENT_GEN_AI_EVALUATION_RESULT`)
 * parented to the evaluated span, the `sightline.eval.score` histogram, and on
 * a breach the `sightline.eval.breaches` counter, a `quality_breach` alert and a span in the
 * evaluated call's trace (breach-span.ts).
 */
export class ScoreEmitter {
  constructor(private readonly options: ScoreEmitterOptions) {}

  emit(score: EvaluationScore, call: ScoredCall, evaluatorName: string, evaluatorThreshold: number | undefined): void {
    const invalid = invalidReason(score);
    if (invalid !== undefined) {
      countEvalError(invalid, typeof score?.name === 'string' && score.name !== '' ? score.name : evaluatorName);
      return;
    }
    const metricAttributes: Attributes = {
      [semconv.ATTR_GEN_AI_EVALUATION_NAME]: score.name,
      [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: call.model,
    };
    if (call.provider !== undefined) metricAttributes[semconv.ATTR_GEN_AI_PROVIDER_NAME] = call.provider;
    this.emitLogRecord(score, call, metricAttributes);
    recordMetric(METRICS.evalScore, score.value, metricAttributes, { context: call.signalContext });

    const threshold = score.threshold ?? evaluatorThreshold;
    if (threshold !== undefined && score.value < threshold) {
      recordMetric(METRICS.evalBreaches, 1, metricAttributes, { context: call.signalContext });
      safely('emit breach span', () =>
        emitBreachSpan(call.signalContext, {
          ...metricAttributes,
          [semconv.ATTR_GEN_AI_EVALUATION_SCORE_VALUE]: score.value,
          [semconv.ATTR_GEN_AI_EVALUATION_SCORE_LABEL]: score.label,
        }),
      );
      this.alert(
        {
          kind: 'quality_breach',
          evaluationName: score.name,
          score: score.value,
          threshold,
          label: score.label,
          model: call.model,
          provider: call.provider,
          tags: call.tags,
          traceId: call.traceId,
          spanId: call.spanContext.spanId,
          responseId: call.responseId,
        },
        call.signalContext,
      );
    }
    this.options.drift?.record(score.name, call.model, score.value);
  }

  /** A quality alert: a `sightline.alert` log record (in `context`, when given) and `onAlert`. */
  alert(alert: QualityBreachAlert | DriftAlert, context?: Context): void {
    emitAlertRecord({ ...qualityAlertRecord(alert), context });
    const { onAlert } = this.options;
    if (onAlert !== undefined) safely('onAlert', () => onAlert(alert));
  }

  private emitLogRecord(score: EvaluationScore, call: ScoredCall, metricAttributes: Attributes): void {
    const attributes: Attributes = {
      ...metricAttributes,
      [semconv.ATTR_GEN_AI_EVALUATION_SCORE_VALUE]: score.value,
      [semconv.ATTR_GEN_AI_EVALUATION_SCORE_LABEL]: score.label,
    };
    const explanation = this.exportableExplanation(score);
    if (explanation !== undefined) attributes[semconv.ATTR_GEN_AI_EVALUATION_EXPLANATION] = explanation;
    if (call.responseId !== undefined) attributes[semconv.ATTR_GEN_AI_RESPONSE_ID] = call.responseId;
    if (score.matchedRules !== undefined) attributes[semconv.ATTR_SIGHTLINE_EVAL_MATCHED_RULES] = [...score.matchedRules];
    safely('emit evaluation log record', () =>
      logsApi().getLogger(METER_NAME).emit({
        eventName: semconv.EVENT_GEN_AI_EVALUATION_RESULT,
        severityNumber: SEVERITY.INFO,
        severityText: 'INFO',
        context: call.signalContext,
        attributes,
      }),
    );
  }

  /** A judge's reasoning may quote the answer: it leaves the process only with content capture on. */
  private exportableExplanation(score: EvaluationScore): string | undefined {
    if (typeof score.explanation !== 'string' || score.explanation === '') return undefined;
    if (score.explanationMayQuoteContent === true && !this.options.captureContent()) return undefined;
    return score.explanation;
  }
}

function invalidReason(score: EvaluationScore | undefined): string | undefined {
  if (score === null || typeof score !== 'object' || typeof score.name !== 'string' || score.name === '') {
    return semconv.REASON_MALFORMED;
  }
  if (typeof score.value !== 'number' || !Number.isFinite(score.value) || typeof score.label !== 'string') {
    return semconv.REASON_MALFORMED;
  }
  return score.value < 0 || score.value > 1 ? semconv.REASON_EVAL_OUT_OF_RANGE : undefined;
}
