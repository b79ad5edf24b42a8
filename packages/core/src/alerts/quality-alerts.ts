import type { TagValue } from '../tags/tag-context.js';

/** One evaluation score fell below its threshold (raised by `@sightline/evaluation`). */
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
