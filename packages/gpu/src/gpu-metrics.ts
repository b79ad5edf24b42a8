import { metrics, ValueType, type Attributes, type BatchObservableCallback, type Observable } from '@opentelemetry/api';
import { processTags, semconv } from '@sightline/core/instrumentation';
import type { SnapshotStore } from './snapshot-store.js';
import type { GpuSnapshot } from './types.js';

/** Instrumentation scope of the GPU metrics. */
export const GPU_METER_NAME = '@sightline/gpu';

type Read = (gpu: GpuSnapshot) => number | undefined;

/**
 * Observable instruments, read from the snapshot store at collection time: the
 * sampler records nothing on its own schedule. The series carry the hardware
 * identity and the process's own tags (`defaultTags`, so that dashboards filtered
 * by project and environment keep them), never a request's: GPUs are shared by
 * requests. The meter and the tags are looked up when the sampler starts, so they
 * bind to the configuration `init` registered.
 *
 * Returns `finish`, for the sampler's stop(). Detaching at once would lose the
 * last readings (stop() then shutdown() exported none), so stop() freezes them
 * instead: every collection within `finalForMs` of stop() still reports them,
 * which serves each reader of a shutdown() (file, OTLP, Prometheus collect
 * separately), and a lone reader that only collects later still gets them once.
 * The instruments detach at the first collection after both.
 */
export function registerGpuMetrics(
  store: SnapshotStore,
  finalForMs: number,
  monotonicMs: () => number = () => performance.now(),
): () => void {
  const meter = metrics.getMeter(GPU_METER_NAME);
  const tags = processTags();
  const double = { valueType: ValueType.DOUBLE };
  const instruments: [Observable, Read][] = [
    [
      meter.createObservableGauge(semconv.METRIC_HW_GPU_UTILIZATION, {
        ...double,
        unit: '1',
        description: 'Fraction of time the GPU was busy',
      }),
      (gpu) => gpu.utilization,
    ],
    [
      meter.createObservableUpDownCounter(semconv.METRIC_HW_GPU_MEMORY_USAGE, { unit: 'By', description: 'GPU memory in use' }),
      (gpu) => gpu.memoryUsedBytes,
    ],
    [
      meter.createObservableUpDownCounter(semconv.METRIC_HW_GPU_MEMORY_LIMIT, { unit: 'By', description: 'GPU memory size' }),
      (gpu) => gpu.memoryTotalBytes,
    ],
    [
      meter.createObservableGauge(semconv.METRIC_HW_GPU_MEMORY_UTILIZATION, {
        ...double,
        unit: '1',
        description: 'Fraction of GPU memory in use',
      }),
      (gpu) => (gpu.memoryUsedBytes !== undefined && gpu.memoryTotalBytes ? gpu.memoryUsedBytes / gpu.memoryTotalBytes : undefined),
    ],
    [
      meter.createObservableGauge(semconv.METRIC_HW_TEMPERATURE, { ...double, unit: 'Cel', description: 'GPU temperature' }),
      (gpu) => gpu.temperatureCelsius,
    ],
    [
      meter.createObservableGauge(semconv.METRIC_HW_POWER, { ...double, unit: 'W', description: 'GPU power draw' }),
      (gpu) => gpu.powerWatts,
    ],
    [
      meter.createObservableCounter(semconv.METRIC_HW_ENERGY, {
        ...double,
        unit: 'J',
        description: 'GPU energy, integrated from power draw',
      }),
      (gpu) => gpu.energyJoules,
    ],
  ];
  // One attributes object per GPU (its identity never changes), not one per collection.
  const attributesById = new Map<string, Attributes>();
  let final: { readings: readonly GpuSnapshot[]; until: number; reported: boolean } | undefined;
  const detach = (): void => meter.removeBatchObservableCallback(callback, observables);
  const readingsToReport = (): readonly GpuSnapshot[] => {
    if (!final) return store.current();
    if (final.reported && monotonicMs() > final.until) {
      // Not removed synchronously: the SDK is iterating over its callbacks right now.
      queueMicrotask(detach);
      return [];
    }
    final.reported = true;
    return final.readings;
  };
  const callback: BatchObservableCallback = (result) => {
    for (const gpu of readingsToReport()) {
      let attributes = attributesById.get(gpu.id);
      if (!attributes) {
        attributes = gpuAttributes(gpu, tags);
        attributesById.set(gpu.id, attributes);
      }
      for (const [instrument, read] of instruments) {
        const value = read(gpu);
        if (value !== undefined && Number.isFinite(value)) result.observe(instrument, value, attributes);
      }
    }
  };
  const observables = instruments.map(([instrument]) => instrument);
  meter.addBatchObservableCallback(callback, observables);
  return () => {
    if (final) return;
    // Frozen, not read from the store later: by then they would count as stale.
    final = { readings: store.current(), until: monotonicMs() + finalForMs, reported: false };
    if (final.readings.length === 0) detach();
  };
}

/** The process's tags, then the hardware identity (which a tag key of the same name cannot override). */
function gpuAttributes(gpu: GpuSnapshot, tags: Attributes): Attributes {
  return {
    ...tags,
    [semconv.ATTR_HW_TYPE]: semconv.HW_TYPE_GPU,
    [semconv.ATTR_HW_ID]: gpu.id,
    [semconv.ATTR_HW_NAME]: gpu.name,
    [semconv.ATTR_HW_VENDOR]: gpu.vendor,
  };
}
