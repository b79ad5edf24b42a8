import { setMaxListeners } from 'node:events';
import { AsyncResource } from 'node:async_hooks';
import { context as contextApi, type Context } from '@opentelemetry/api';
import {
  countDropped,
  createLogger,
  evaluatorContextFor,
  getTags,
  isContentCaptureEnabled,
  isInsideEvaluation,
  registerEvaluationEngine,
  semconv,
  signalContextFor,
  unregisterEvaluationEngine,
  type EvaluationInput,
  type TagValue,
} from '@sightline/core/instrumentation';
import { DriftDetector } from './drift.js';
import { countEvalError } from './eval-errors.js';
import { EvaluationLane } from './lane.js';
import { RetrievedDocuments } from './retrieved-documents.js';
import { ScoreEmitter, type ScoredCall } from './score-emitter.js';
import { runWithTimeout } from './timeout.js';
import type { EvaluationContext, EvaluationOptions, EvaluationPipeline, EvaluationStats, TagRecord } from './types.js';

const log = createLogger('evaluation');

const DEFAULT_MAX_QUEUE_SIZE = 1000;
const DEFAULT_EVALUATOR_TIMEOUT_MS = 30_000;
const DEFAULT_FLUSH_TIMEOUT_MS = 30_000;

/** One submitted call, prepared once and shared by every evaluator that sampled it. */
interface PreparedCall extends ScoredCall {
  evaluation: EvaluationContext;
  evaluatorContext: Context;
}

class Engine implements EvaluationPipeline {
  private readonly lanes: EvaluationLane<PreparedCall>[];
  private readonly documents: RetrievedDocuments;
  private readonly emitter: ScoreEmitter;
  private readonly stopping = stoppingController();
  /**
   * Captured at start: evaluations run in this async scope rather than the
   * submitting request's, so a judge call is not mistaken for a child run of
   * whatever LangChain (or anything else using AsyncLocalStorage) had going.
   */
  private readonly scope = new AsyncResource('sightline.evaluation');
  private readonly idleWaiters = new Set<() => void>();
  private shutdownPromise: Promise<void> | undefined;
  private accepting = true;

  constructor(options: EvaluationOptions) {
    const maxQueueSize = Math.max(1, Math.floor(options.maxQueueSize ?? DEFAULT_MAX_QUEUE_SIZE));
    this.documents = new RetrievedDocuments(options.documents);
    const emitterOptions = {
      captureContent: () => options.captureContent ?? isContentCaptureEnabled(),
      onAlert: options.onAlert,
      drift: undefined as DriftDetector | undefined,
    };
    this.emitter = new ScoreEmitter(emitterOptions);
    if (options.drift !== false) emitterOptions.drift = new DriftDetector(options.drift ?? {}, (alert) => this.emitter.alert(alert));
    this.lanes = options.evaluators.map(
      (evaluator) =>
        new EvaluationLane<PreparedCall>(
          evaluator,
          maxQueueSize,
          (call) => this.scope.runInAsyncScope(() => this.evaluate(evaluator, call)),
          () => this.notifyIfIdle(),
        ),
    );
  }

  submit(input: EvaluationInput): void {
    try {
      if (!this.accepting) return countDropped('evaluations', semconv.REASON_SHUT_DOWN, 1);
      if (isInsideEvaluation()) return; // a judge's own model call
      const failed = input.failed === true;
      let call: PreparedCall | undefined;
      for (const lane of this.lanes) {
        if (!lane.samples(failed)) continue;
        call ??= this.prepare(input);
        if (!lane.offer(call)) countDropped('evaluations', semconv.REASON_EVAL_QUEUE_FULL, 1);
      }
    } catch (error) {
      log.warnOnce('submit', 'could not queue an evaluation; the application is unaffected', error);
    }
  }

  noteRetrievedDocuments(traceId: string, documents: readonly string[]): void {
    try {
      if (!this.accepting || typeof traceId !== 'string' || !Array.isArray(documents)) return;
      this.documents.note(traceId, documents);
    } catch (error) {
      log.warnOnce('note-documents', 'could not keep retrieved documents for evaluation', error);
    }
  }

  flush(timeoutMs = DEFAULT_FLUSH_TIMEOUT_MS): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.idleWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      this.idleWaiters.add(done);
    });
  }

  shutdown(timeoutMs = DEFAULT_FLUSH_TIMEOUT_MS): Promise<void> {
    this.shutdownPromise ??= this.shutdownOnce(timeoutMs);
    return this.shutdownPromise;
  }

  stats(): EvaluationStats {
    let queued = 0;
    let running = 0;
    for (const lane of this.lanes) {
      queued += lane.queued;
      running += lane.running;
    }
    return { queued, running, documentTraces: this.documents.size };
  }

  private async shutdownOnce(timeoutMs: number): Promise<void> {
    unregisterEvaluationEngine(this);
    // Stop accepting first, but let what is queued run until the deadline.
    this.accepting = false;
    this.documents.clear();
    await this.flush(timeoutMs);
    let abandoned = 0;
    for (const lane of this.lanes) abandoned += lane.discard();
    countDropped('evaluations', semconv.REASON_SHUT_DOWN, abandoned);
    // Evaluations still running past the deadline are abandoned: their signals abort.
    this.stopping.abort();
  }

  private prepare(input: EvaluationInput): PreparedCall {
    const spanContext = input.spanContext;
    const traceId = typeof input.traceId === 'string' ? input.traceId : spanContext.traceId;
    const tags = definedTags(input.tags ?? getTags());
    const model = typeof input.model === 'string' && input.model !== '' ? input.model : 'unknown';
    const provider = typeof input.provider === 'string' ? input.provider : undefined;
    const evaluation: EvaluationContext = Object.freeze({
      question: typeof input.question === 'string' ? input.question : '',
      answer: typeof input.answer === 'string' ? input.answer : '',
      documents: this.documents.get(traceId),
      model,
      provider,
      tags,
      traceId,
      responseId: input.responseId,
      failed: input.failed === true,
    });
    return {
      spanContext,
      signalContext: signalContextFor(spanContext, tags),
      evaluatorContext: evaluatorContextFor(tags),
      model,
      provider,
      tags,
      traceId,
      responseId: input.responseId,
      evaluation,
    };
  }

  private async evaluate(evaluator: EvaluationLane<PreparedCall>['evaluator'], call: PreparedCall): Promise<void> {
    try {
      const timeoutMs = evaluator.timeoutMs ?? DEFAULT_EVALUATOR_TIMEOUT_MS;
      const outcome = await runWithTimeout(
        (signal) => contextApi.with(call.evaluatorContext, () => evaluator.evaluate(call.evaluation, signal)),
        timeoutMs,
        this.stopping.signal,
      );
      if (!outcome.ok && this.stopping.signal.aborted) return countDropped('evaluations', semconv.REASON_SHUT_DOWN, 1);
      if (!outcome.ok) {
        countEvalError(outcome.timedOut ? semconv.REASON_EVAL_TIMEOUT : semconv.REASON_EVAL_EVALUATOR_FAILED, evaluator.name);
        if (!outcome.timedOut) log.warnOnce(`evaluator:${evaluator.name}`, `evaluator ${evaluator.name} failed`, outcome.error);
        return;
      }
      if (!Array.isArray(outcome.value)) return countEvalError(semconv.REASON_MALFORMED, evaluator.name);
      for (const score of outcome.value) this.emitter.emit(score, call, evaluator.name, evaluator.threshold);
    } catch (error) {
      log.warnOnce('evaluate', 'an evaluation failed; the application is unaffected', error);
    }
  }

  private isIdle(): boolean {
    return this.lanes.every((lane) => lane.queued === 0 && lane.running === 0);
  }

  private notifyIfIdle(): void {
    if (this.idleWaiters.size === 0 || !this.isIdle()) return;
    for (const waiter of [...this.idleWaiters]) waiter();
  }
}

function definedTags(tags: Readonly<Record<string, TagValue | undefined>> | undefined): TagRecord {
  const defined: Record<string, TagValue> = {};
  for (const [key, value] of Object.entries(tags ?? {})) if (value !== undefined) defined[key] = value;
  return Object.freeze(defined);
}

/**
 * Starts the evaluation pipeline and registers it process-wide, so integrations
 * reach it through `submitForEvaluation` / `noteRetrievedDocuments`. For an app
 * without `init`; `init({ evaluation: evaluations({ evaluators }) })` starts it
 * itself. Shut it down before the log and meter providers.
 */
export function startEvaluations(options: EvaluationOptions): EvaluationPipeline {
  const engine = new Engine(options);
  registerEvaluationEngine(engine);
  return engine;
}

/**
 * Every running evaluation listens on this one signal. Node warns of a "possible
 * EventTarget memory leak" past 10 listeners, but here they are bounded by the
 * evaluators' concurrency and removed as each evaluation settles.
 */
function stoppingController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
