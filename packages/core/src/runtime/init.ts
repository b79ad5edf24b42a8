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
  configurePricing(options.pricing);
  const serviceName = serviceNameFrom(options.serviceName);
  const resource = buildResource(serviceName, options.serviceVersion, options.resourceAttributes);
  const pipelines = buildPipelines(options as InitOptions<TagSchema>, resource);

  const instance = new SightlineInstance<S>(serviceName, options.captureContent ?? false, tagRuntime, pipelines);
  slot.tagRuntime = tagRuntime;
  slot.instance = instance as unknown as SightlineInstance<never>;
  registerPipelines(pipelines);
  return instance;
}
