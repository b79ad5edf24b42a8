import { registerEvaluationEngine } from '../evaluation-hook/registry.js';
import { createLogger } from '../internal/logger.js';
import type { EvaluationEngine, EvaluationPlugin } from '../evaluation-hook/types.js';
import type { InitOptions, TagSchema } from '../types.js';

const log = createLogger('init');

const MOVED =
  'evaluators moved to @sightline/evaluation: pass init({ evaluation: evaluations({ evaluators }) }) ' +
  "with `import { evaluations } from '@sightline/evaluation'` (maxQueueSize, drift, documents and flushTimeoutMs go there too)";

/**
 * Rejects, at start-up, the options of earlier versions (`evaluators`, and an `evaluation`
 * tuning object) instead of ignoring them: an app upgraded without the new package would
 * otherwise lose its evaluations silently. JavaScript callers get here past the types.
 */
export function assertEvaluationOption(options: InitOptions<TagSchema>): void {
  const legacy = (options as { evaluators?: unknown }).evaluators;
  if (legacy !== undefined) throw new TypeError(`sightline: init({ evaluators }) is no longer supported; ${MOVED}`);
  const plugin: unknown = options.evaluation;
  if (plugin === undefined) return;
  if (plugin === null || typeof plugin !== 'object' || typeof (plugin as Partial<EvaluationPlugin>).start !== 'function') {
    throw new TypeError(`sightline: init({ evaluation }) takes an evaluation plugin; ${MOVED}`);
  }
}

/**
 * Starts the plugin with init's alert callback and content setting, and registers its engine for
 * the integrations. The providers are registered by now, so a plugin that throws is warned about
 * and evaluation stays off, rather than leaving half a setup behind.
 */
export function startEvaluationPlugin(plugin: EvaluationPlugin | undefined, options: InitOptions<TagSchema>): EvaluationEngine | undefined {
  if (plugin === undefined) return undefined;
  try {
    const engine = plugin.start({ onAlert: options.onAlert, captureContent: options.captureContent ?? false });
    if (engine !== undefined) registerEvaluationEngine(engine);
    return engine;
  } catch (error) {
    log.warnOnce('evaluation-start', 'the evaluation plugin failed to start; evaluation is off', error);
    return undefined;
  }
}
