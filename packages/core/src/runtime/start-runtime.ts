import type { Resource } from '@opentelemetry/resources';
import { UntaggedSpikeDetector } from '../alerts/untagged-spike.js';
import { registerSpendAccountant } from '../metrics/spend-hook.js';
import { flushPendingWarnings } from '../internal/pending-warnings.js';
import { createBudgetTracker } from '../budgets/tracker.js';
import type { BudgetTracker } from '../budgets/types.js';
import type { MetricAccumulator } from '../metrics/accumulator.js';
import { configurePricing } from '../pricing/index.js';
import { assertValidTagSchema, defaultTagSchema } from '../tags/schema.js';
import { TagRuntime } from '../tags/tag-runtime.js';
import type { InitOptions, TagSchema } from '../types.js';
import { runtimeSlot } from './runtime-slot.js';
import { SightlineInstance } from './instance.js';
import { assertEvaluationOption, startEvaluationPlugin } from './evaluation-option.js';
import { buildResource, serviceNameFrom } from './resource.js';
import type { Signals } from './signals.js';

/** What start-up validated and built before anything became global. */
export interface PreparedRuntime {
  options: InitOptions<TagSchema>;
  tagRuntime: TagRuntime;
  budgets: BudgetTracker;
  serviceName: string;
  resource: Resource;
}

/** Validation that may throw: a bad schema or budget fails here, before any state is touched. */
export function prepareRuntime(options: InitOptions<TagSchema>): PreparedRuntime {
  // Apps install their diag logger just before init: what came earlier is shown now.
  flushPendingWarnings();
  const schema: TagSchema = options.tags ?? defaultTagSchema;
  assertValidTagSchema(schema);
  assertEvaluationOption(options);
  const tagRuntime = new TagRuntime(schema, (options.defaultTags ?? {}) as Record<string, unknown>, options);
  const budgets = createBudgetTracker(options.budgets ?? [], { onAlert: options.onAlert, tagKeys: tagRuntime.keys });
  const serviceName = serviceNameFrom(options.serviceName);
  const resource = buildResource(serviceName, options.serviceVersion, options.resourceAttributes);
  return { options, tagRuntime, budgets, serviceName, resource };
}

/**
 * Starts what `init` and `sightlineComponents` share: pricing, evaluations,
 * budgets, the untagged alert and the instance, on the signals given.
 */
export function startRuntime(prepared: PreparedRuntime, signals: Signals, metricAccumulator: MetricAccumulator): SightlineInstance<never> {
  const { options, tagRuntime, budgets, serviceName } = prepared;
  configurePricing(options.pricing);
  const captureContent = options.captureContent ?? false;
  const instance = new SightlineInstance<never>(serviceName, captureContent, tagRuntime, signals, {
    evaluations: startEvaluationPlugin(options.evaluation, options),
    flushTimeoutMs: options.evaluation?.flushTimeoutMs,
    exportDeadlineMs: options.exportDeadlineMs,
  });
  const slot = runtimeSlot();
  slot.tagRuntime = tagRuntime;
  slot.metricAccumulator = metricAccumulator;
  slot.instance = instance;
  registerSpendAccountant(options.budgets?.length ? budgets : undefined);
  slot.untaggedSpikes =
    options.untaggedAlert === false ? undefined : new UntaggedSpikeDetector(options.untaggedAlert ?? {}, options.onAlert);
  return instance;
}
