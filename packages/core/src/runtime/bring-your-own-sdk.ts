import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import { TagStampingSpanProcessor } from '../processors/tag-span-processor.js';
import { assertValidTagSchema, defaultTagSchema } from '../tags/schema.js';
import { TagRuntime } from '../tags/tag-runtime.js';
import type { DefaultTagSchema, InitOptions, TagSchema } from '../types.js';
import { runtimeSlot } from './runtime-slot.js';

/** The tag options of `init`: schema, defaults, span-only and hashed keys, and the incoming-tags policy. */
export type SpanProcessorOptions<S extends TagSchema = DefaultTagSchema> = Pick<
  InitOptions<S>,
  'tags' | 'defaultTags' | 'spanOnlyTags' | 'hashedTags' | 'tagHashKey' | 'incomingTags'
>;

/**
 * For apps that run their own NodeSDK: add this to `spanProcessors` (and
 * `sightlineMetricsView()` to `views`). Unless `init` already configured tags,
 * it registers the schema so that `withTags`, the recording API and baggage
 * extraction work as they do after `init`.
 */
export function sightlineSpanProcessor<S extends TagSchema = DefaultTagSchema>(options: SpanProcessorOptions<S> = {}): SpanProcessor {
  const slot = runtimeSlot();
  if (slot.tagRuntime === undefined) {
    const schema: TagSchema = options.tags ?? defaultTagSchema;
    assertValidTagSchema(schema);
    slot.tagRuntime = new TagRuntime(schema, (options.defaultTags ?? {}) as Record<string, unknown>, options);
  }
  return new TagStampingSpanProcessor(() => runtimeSlot().tagRuntime);
}
