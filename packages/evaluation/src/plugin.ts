import type { EvaluationPlugin, EvaluationServices } from '@sightline/core/instrumentation';
import { startEvaluations } from './engine.js';
import type { EvaluationsOptions } from './types.js';

/**
 * The evaluation plugin for `init({ evaluation })` (or `sightlineComponents`): `init`
 * starts the engine with its own `onAlert` and `captureContent`, and the instance
 * flushes and shuts it down before the exporters, so the last scores are exported.
 * Nothing runs until `init` starts it; with no evaluators, nothing runs at all (and
 * integrations hold no content for evaluation).
 */
export function evaluations(options: EvaluationsOptions): EvaluationPlugin {
  // A configuration error throws here, at start-up, like init's own; nothing later throws into the app.
  if (!Array.isArray(options?.evaluators)) throw new TypeError('sightline: evaluations() takes { evaluators: [...] }');
  const { flushTimeoutMs, ...engineOptions } = options;
  return Object.freeze({
    flushTimeoutMs,
    start: ({ onAlert, captureContent }: EvaluationServices) =>
      engineOptions.evaluators.length > 0 ? startEvaluations({ ...engineOptions, onAlert, captureContent }) : undefined,
  });
}
