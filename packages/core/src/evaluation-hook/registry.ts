import { createLogger } from '../internal/logger.js';
import { globalSlot } from '../internal/global-slot.js';
import type { EvaluationEngine, EvaluationInput } from './types.js';

const log = createLogger('evaluation');

/** Stored on core's global slot (see global-slot.ts), so every copy of core shares one engine. */
interface EvaluationSlot {
  evaluationEngine?: EvaluationEngine;
}

function slot(): EvaluationSlot {
  return globalSlot() as EvaluationSlot;
}

/**
 * Makes `engine` the one that `submitForEvaluation` and `noteRetrievedDocuments` reach,
 * process-wide. `init` registers the engine its `evaluation` plugin started; an engine
 * started by hand registers itself. Registering the same engine again is a no-op.
 */
export function registerEvaluationEngine(engine: EvaluationEngine): void {
  const current = slot();
  if (current.evaluationEngine !== undefined && current.evaluationEngine !== engine) {
    log.warnOnce('second-engine', 'a second evaluation engine was started; new submissions go to the latest one');
  }
  current.evaluationEngine = engine;
}

/** Unregisters `engine` if it is the registered one (an engine shutting down calls this). */
export function unregisterEvaluationEngine(engine: EvaluationEngine): void {
  const current = slot();
  if (current.evaluationEngine === engine) current.evaluationEngine = undefined;
}

/** Whether an evaluation engine is running: integrations skip building inputs when not. */
export function isEvaluationEnabled(): boolean {
  return slot().evaluationEngine !== undefined;
}

/**
 * Hands a finished model call to the registered evaluators. Returns at once and
 * never throws; a no-op when no evaluators are configured.
 */
export function submitForEvaluation(input: EvaluationInput): void {
  slot().evaluationEngine?.submit(input);
}

/**
 * Remembers the page contents a retriever returned in `traceId`, for the
 * evaluators of later model calls in that trace. Held in memory only (bounded,
 * with a time-to-live); a no-op when no evaluators are configured.
 */
export function noteRetrievedDocuments(traceId: string, documents: readonly string[]): void {
  slot().evaluationEngine?.noteRetrievedDocuments(traceId, documents);
}
