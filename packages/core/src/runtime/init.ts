import { UntaggedSpikeDetector } from '../alerts/untagged-spike.js';
import { createBudgetTracker } from '../budgets/tracker.js';
import { registerBudgetTracker } from '../budgets/registry.js';
import { startEvaluations } from '../evaluation/engine.js';
import { createLogger } from '../internal/logger.js';
import { configurePricing } from '../pricing/index.js';
import { assertValidTagSchema, defaultTagSchema } from '../tags/schema.js';
import { TagRuntime } from '../tags/tag-runtime.js';
import type { DefaultTagSchema, InitOptions, Sightline, TagSchema } from '../types.js';
import { globalSlot } from './global-slot.js';
import { SightlineInstance } from './instance.js';
import { buildPipelines, registerPipelines } from './pipelines.js';
import { buildResource, serviceNameFrom } from './resource.js';

const log = createLogger('init');

/**
 * Registers tracer, meter and logger providers with tag stamping and the
 * selected exporters (the `.sightline/` files by default). Configuration
 * errors (a reserved tag key, an invalid default) throw here, at start-up;
 * nothing after `init` throws into the app. A second call warns and returns
 * the first instance.
 */
export function init<S extends TagSchema = DefaultTagSchema>(options: InitOptions<S> = {}): Sightline<S> {
  const slot = globalSlot();
  if (slot.instance) {
    log.warnOnce('init-twice', 'init() was called again; returning the instance from the first call');
    return slot.instance as unknown as Sightline<S>;
  }
  const schema: TagSchema = options.tags ?? defaultTagSchema;
  assertValidTagSchema(schema);
  const tagRuntime = new TagRuntime(schema, (options.defaultTags ?? {}) as Record<string, unknown>);
  // Built before anything is registered: an invalid budget throws without leaving half a setup.
  const budgets = createBudgetTracker(options.budgets ?? [], { onAlert: options.onAlert, tagKeys: tagRuntime.keys });
  configurePricing(options.pricing);
  const serviceName = serviceNameFrom(options.serviceName);
  const resource = buildResource(serviceName, options.serviceVersion, options.resourceAttributes);
  const pipelines = buildPipelines(options as InitOptions<TagSchema>, resource);

  const captureContent = options.captureContent ?? false;
  const evaluations = options.evaluators?.length
    ? startEvaluations({ ...options.evaluation, evaluators: options.evaluators, onAlert: options.onAlert, captureContent })
    : undefined;
  const instance = new SightlineInstance<S>(serviceName, captureContent, tagRuntime, pipelines, {
    evaluations,
    flushTimeoutMs: options.evaluation?.flushTimeoutMs,
    exportDeadlineMs: options.exportDeadlineMs,
  });
  slot.tagRuntime = tagRuntime;
  slot.metricAccumulator = pipelines.metricAccumulator;
  slot.instance = instance as unknown as SightlineInstance<never>;
  registerBudgetTracker(options.budgets?.length ? budgets : undefined);
  slot.untaggedSpikes = options.untaggedAlert === false ? undefined : new UntaggedSpikeDetector(options.untaggedAlert ?? {}, options.onAlert);
  registerPipelines(pipelines);
  return instance;
}
