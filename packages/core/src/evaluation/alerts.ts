import type { BudgetAlert } from '../budgets/types.js';
import type { TagValue } from '../tags/tag-context.js';

/**
 * Everything `onAlert` can receive, discriminated by `kind`. New kinds may join
 * this union; handlers should ignore kinds they do not know rather than assume
 * the list is closed.
 */
export type SightlineAlert = QualityBreachAlert | DriftAlert | BudgetAlert;

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
