import type { SpanContext } from '@opentelemetry/api';
import type { SightlineAlert } from '../alerts/sightline-alert.js';
import type { TagValue } from '../tags/tag-context.js';

/**
 * What an integration hands over at the end of a model span. Content (question,
 * answer) is held in memory for the evaluators only; it is exported only when
 * content capture is on.
 */
export interface EvaluationInput {
  /** The evaluated model span: the log records are parented to it. */
  spanContext: SpanContext;
  /** Trace of the model span; retrieved documents noted for this trace are attached. Default: spanContext.traceId. */
  traceId?: string;
  question: string;
  answer: string;
  /** The response model (version) if known, else the request model. Drift is tracked per value. */
  model: string;
  provider?: string;
  /** The tags of the model call (`getTags()` at the call). Default: the tags of the context `submit` is called in. */
  tags?: Readonly<Record<string, TagValue | undefined>>;
  responseId?: string;
  /** The model call failed: evaluators with `sampleOnError` always run. */
  failed?: boolean;
}

/**
 * A running evaluation pipeline, as core sees it: integrations hand it calls and
 * documents (through `submitForEvaluation` / `noteRetrievedDocuments`), and the
 * instance flushes and shuts it down before the exporters. `@sightline/evaluation` is one.
 */
export interface EvaluationEngine {
  /** Queues the call for every evaluator that samples it. Never throws; returns at once. */
  submit(input: EvaluationInput): void;
  /** Remembers documents retrieved in `traceId` for later model calls of that trace. */
  noteRetrievedDocuments(traceId: string, documents: readonly string[]): void;
  /** Waits for the queued evaluations, at most `timeoutMs`. */
  flush(timeoutMs?: number): Promise<void>;
  /** Stops accepting, waits like `flush`, then drops (and counts) what is left. Idempotent. */
  shutdown(timeoutMs?: number): Promise<void>;
}

/** What `init` (or `sightlineComponents`) gives an evaluation plugin as it starts it. */
export interface EvaluationServices {
  /** The `onAlert` given to `init`: quality breaches and drift go there too. */
  readonly onAlert?: (alert: SightlineAlert) => void;
  /** The `captureContent` given to `init`. */
  readonly captureContent: boolean;
}

/**
 * The `evaluation` option of `init`: `evaluations({ evaluators })` from
 * `@sightline/evaluation` returns one. `init` starts it once, registers the engine it
 * returns for the integrations, and flushes and shuts it down before the exporters.
 */
export interface EvaluationPlugin {
  /** How long `forceFlush` and `shutdown` wait for queued evaluations. Default: the engine's own. */
  readonly flushTimeoutMs?: number;
  /** Starts the engine; `undefined` when there is nothing to evaluate (then integrations hold no content). */
  start(services: EvaluationServices): EvaluationEngine | undefined;
}
