import type { Attributes } from '@opentelemetry/api';
import { registerSpanHook, semconv, type SpanHook } from '@sightline/core/instrumentation';
import type { SnapshotStore } from './snapshot-store.js';
import type { GpuCorrelationOptions, GpuSnapshot } from './types.js';

type HookedSpan = Parameters<NonNullable<SpanHook['onEnding']>>[0];

/** Providers that serve from this machine's GPUs unless the options say otherwise. */
export const DEFAULT_SELF_HOSTED_PROVIDERS: readonly string[] = ['ollama', 'vllm'];

/**
 * Adds the serving GPU's state at start and at end to model-call spans, so a
 * slow request can be read against GPU pressure. Handles instrumentations that
 * set the provider after start: the start snapshot is held until the span ends,
 * and the decision is made then.
 */
export function registerGpuCorrelation(store: SnapshotStore, options: GpuCorrelationOptions = {}): () => void {
  if (options.enabled === false) return () => {};
  const providers = new Set([...DEFAULT_SELF_HOSTED_PROVIDERS, ...(options.selfHostedProviders ?? [])]);
  const eligible = (attributes: Attributes): boolean =>
    attributes[semconv.ATTR_GEN_AI_OPERATION_NAME] === semconv.GEN_AI_OPERATION_CHAT &&
    (options.allProviders === true || providers.has(String(attributes[semconv.ATTR_GEN_AI_PROVIDER_NAME])));
  const attributesOf = cachedSnapshotAttributes();
  // The start snapshot of each span still open; `applied` once its attributes are on the span.
  const started = new WeakMap<HookedSpan, { snapshot: GpuSnapshot; applied: boolean }>();

  return registerSpanHook({
    onStart(span) {
      const operation = span.attributes[semconv.ATTR_GEN_AI_OPERATION_NAME];
      if (operation !== undefined && operation !== semconv.GEN_AI_OPERATION_CHAT) return;
      const snapshot = store.serving(options.servingGpu);
      if (!snapshot) return;
      const applied = eligible(span.attributes);
      if (applied) span.setAttributes(attributesOf(snapshot, 'start'));
      started.set(span, { snapshot, applied });
    },
    onEnding(span) {
      const start = started.get(span);
      if (!start) return;
      started.delete(span);
      if (!start.applied) {
        if (!eligible(span.attributes)) return;
        span.setAttributes(attributesOf(start.snapshot, 'start'));
      }
      // The same GPU as at start, even if another one now holds more memory.
      const end = store.serving(start.snapshot.id);
      if (end) span.setAttributes(attributesOf(end, 'end'));
    },
  });
}

/** Snapshots are immutable and shared by every span of their interval: build their attributes once. */
function cachedSnapshotAttributes(): (gpu: GpuSnapshot, phase: 'start' | 'end') => Attributes {
  const cache = { start: new WeakMap<GpuSnapshot, Attributes>(), end: new WeakMap<GpuSnapshot, Attributes>() };
  return (gpu, phase) => {
    let attributes = cache[phase].get(gpu);
    if (!attributes) {
      attributes = snapshotAttributes(gpu, phase);
      cache[phase].set(gpu, attributes);
    }
    return attributes;
  };
}

function snapshotAttributes(gpu: GpuSnapshot, phase: 'start' | 'end'): Attributes {
  const attributes: Attributes = { [semconv.ATTR_SIGHTLINE_GPU_ID]: gpu.id };
  const utilization = phase === 'start' ? semconv.ATTR_SIGHTLINE_GPU_UTILIZATION_START : semconv.ATTR_SIGHTLINE_GPU_UTILIZATION_END;
  const memory = phase === 'start' ? semconv.ATTR_SIGHTLINE_GPU_MEMORY_USAGE_START : semconv.ATTR_SIGHTLINE_GPU_MEMORY_USAGE_END;
  if (gpu.utilization !== undefined) attributes[utilization] = gpu.utilization;
  if (gpu.memoryUsedBytes !== undefined) attributes[memory] = gpu.memoryUsedBytes;
  return attributes;
}
