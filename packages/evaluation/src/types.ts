import type { EvaluationEngine, SightlineAlert, TagValue } from '@sightline/core/instrumentation';

/** What an evaluator sees: the evaluated call plus the documents retrieved earlier in its trace. */
export interface EvaluationContext {
  readonly question: string;
  readonly answer: string;
  /** Page contents from the sibling `retrieval` spans of the same trace, oldest first. */
  readonly documents: readonly string[];
  readonly model: string;
  readonly provider: string | undefined;
  readonly tags: Readonly<Record<string, TagValue>>;
  readonly traceId: string;
  readonly responseId: string | undefined;
  readonly failed: boolean;
}

/** One score, 0..1 (1 is good). */
export interface EvaluationScore {
  /** The evaluation name (`ATTR_GEN_AI_EVALUATION_NAME`), e.g. `groundedness` or `pii`. Keep it low-cardinality. */
  name: string;
  value: number;
  /** A short label such as `pass`, `fail`, `grounded`, `detected`. */
  label: string;
  explanation?: string;
  /**
   * Whether `explanation` may quote the evaluated content (an LLM judge's reasoning does).
   * Such explanations are exported only when content capture is on.
   */
  explanationMayQuoteContent?: boolean;
  /** Names of the rules that matched, for rule-based evaluators. */
  matchedRules?: readonly string[];
  /** Overrides the evaluator's threshold for this score. */
  threshold?: number;
}

/** Anything that scores a model call. Implement it for your own checks. */
export interface Evaluator {
  /** Identifies the evaluator in warnings and error counts. */
  readonly name: string;
  /** Fraction of calls evaluated, 0..1. Default 1. */
  readonly sampleRate?: number;
  /** Evaluate every failed call regardless of `sampleRate`. Default true. */
  readonly sampleOnError?: boolean;
  /** A score below this is a breach: counted in `sightline.eval.breaches` and alerted. */
  readonly threshold?: number;
  /** Evaluations of this evaluator running at once. Default 2. */
  readonly concurrency?: number;
  /** The whole `evaluate` call is abandoned (and its signal aborted) after this. Default 30 000. */
  readonly timeoutMs?: number;
  /** Returns the scores it could produce; a score it could not produce is simply left out. */
  evaluate(context: EvaluationContext, signal: AbortSignal): Promise<readonly EvaluationScore[]> | readonly EvaluationScore[];
}

export interface DriftOptions {
  /** How far (0..1) a rolling mean may fall below its reference before an alert. Default 0.1. */
  delta?: number;
  /** Scores in the rolling window and in a model version's baseline window. Default 50. */
  windowSize?: number;
  /** Scores needed before a window's mean counts. Default 20. */
  minSamples?: number;
}

/** The options of `evaluations()`, the `evaluation` plugin of `init`. */
export interface EvaluationsOptions {
  /** Quality evaluators (LLM-as-judge, rules) run off the hot path on the model calls integrations submit. */
  evaluators: readonly Evaluator[];
  /** Evaluations waiting per evaluator; more are dropped and counted. Default 1000. */
  maxQueueSize?: number;
  /** Drift detection on rolling mean scores; `false` turns it off. */
  drift?: DriftOptions | false;
  /** Retrieved documents kept for evaluation. */
  documents?: RetrievedDocumentsOptions;
  /** How long `forceFlush` and `shutdown` of the Sightline instance wait for queued evaluations. Default 30 000 ms. */
  flushTimeoutMs?: number;
}

/** The options of `startEvaluations`, for an engine started without `init`. */
export interface EvaluationOptions extends Omit<EvaluationsOptions, 'flushTimeoutMs'> {
  /** Quality breaches and drift (they are also `sightline.alert` log records). */
  onAlert?: (alert: SightlineAlert) => void;
  /** Export judge explanations that may quote content. Default: whether content capture is on. */
  captureContent?: boolean;
}

export interface RetrievedDocumentsOptions {
  /** Traces whose documents are held at once; the oldest are forgotten first. Default 1000. */
  maxTraces?: number;
  /** How long documents are held after the last retrieval in a trace. Default 300 000 ms. */
  ttlMs?: number;
  /** Documents held per trace. Default 20. */
  maxDocumentsPerTrace?: number;
  /** Characters held per document. Default 4000. */
  maxDocumentChars?: number;
}

export interface EvaluationStats {
  /** Evaluations waiting, summed over evaluators. */
  queued: number;
  /** Evaluations running now. */
  running: number;
  /** Traces whose retrieved documents are held. */
  documentTraces: number;
}

/** The running evaluation pipeline: core's engine contract (submit, flush, shutdown) plus its queue's numbers. */
export interface EvaluationPipeline extends EvaluationEngine {
  stats(): EvaluationStats;
}

/** Tags as stored on the context: validated values only. */
export type TagRecord = Readonly<Record<string, TagValue>>;
