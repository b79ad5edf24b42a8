import {
  metrics,
  type Attributes,
  type BatchObservableCallback,
  type Meter,
  type MeterProvider,
  type Observable,
} from '@opentelemetry/api';
import { semconv } from '@sightline/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerGpuMetrics } from '../src/gpu-metrics.js';
import type { GpuReading } from '../src/reading.js';
import { SnapshotStore } from '../src/snapshot-store.js';

// A meter that records the batch callbacks, so a test can tell a detached callback
// from one that reports nothing (a cumulative SDK reader repeats old points either way).
const callbacks = new Set<BatchObservableCallback>();
const observable = (name: string) => ({ name }) as unknown as Observable;
const fakeMeter = {
  createObservableGauge: observable,
  createObservableUpDownCounter: observable,
  createObservableCounter: observable,
  addBatchObservableCallback: (callback: BatchObservableCallback) => void callbacks.add(callback),
  removeBatchObservableCallback: (callback: BatchObservableCallback) => void callbacks.delete(callback),
} as unknown as Meter;

/** One collection: the power points observed, by GPU id; then the SDK's microtasks run. */
async function collectPower(): Promise<Record<string, number>> {
  const points: Record<string, number> = {};
  for (const callback of [...callbacks]) {
    await callback({
      observe(instrument: Observable, value: number, attributes?: Attributes) {
        if ((instrument as unknown as { name: string }).name === semconv.METRIC_HW_POWER)
          points[String(attributes?.[semconv.ATTR_HW_ID])] = value;
      },
    });
  }
  await Promise.resolve();
  return points;
}

const reading = (powerWatts: number): GpuReading => ({
  vendor: 'nvidia',
  index: 0,
  id: 'GPU-0',
  name: 'NVIDIA H100 80GB HBM3',
  utilization: 0.5,
  memoryActivity: undefined,
  memoryUsedBytes: 100,
  memoryTotalBytes: 1000,
  temperatureCelsius: 50,
  powerWatts,
  powerLimitWatts: 700,
});

const STALE_AFTER_MS = 1000;
let clock: { now: number };
let store: SnapshotStore;
let finish: () => void;

beforeEach(() => {
  metrics.setGlobalMeterProvider({ getMeter: () => fakeMeter } as MeterProvider);
  clock = { now: 0 };
  store = new SnapshotStore(
    STALE_AFTER_MS,
    () => clock.now,
    () => 1_700_000_000_000 + clock.now,
  );
  finish = registerGpuMetrics(store, STALE_AFTER_MS, () => clock.now);
});
afterEach(() => {
  callbacks.clear();
  metrics.disable();
});

describe('GPU metrics around the sampler stop() (issue 19: final readings are exported)', () => {
  it('reports the readings frozen at stop() in every collection within the window: each reader of a shutdown() gets them', async () => {
    store.update(reading(500));
    finish();
    // Readings that arrive after stop() (a late line) are not the final ones.
    store.update(reading(900));
    clock.now = 900;
    expect(await collectPower()).toEqual({ 'GPU-0': 500 });
    expect(await collectPower()).toEqual({ 'GPU-0': 500 });
    expect(callbacks.size).toBe(1);
    // Past the window, and reported: detached.
    clock.now = 1100;
    expect(await collectPower()).toEqual({});
    expect(callbacks.size).toBe(0);
  });

  it('a lone reader that first collects long after stop() still gets the final readings once, then the callback detaches', async () => {
    store.update(reading(500));
    finish();
    clock.now = 60_000;
    // The store alone would call them stale by now.
    expect(store.current()).toEqual([]);
    expect(await collectPower()).toEqual({ 'GPU-0': 500 });
    expect(await collectPower()).toEqual({});
    expect(callbacks.size).toBe(0);
  });

  it('detaches at once when stop() finds no current reading, and finish() is idempotent', async () => {
    finish();
    finish();
    expect(callbacks.size).toBe(0);
  });

  it('before stop(), reports only current readings (a stale one pauses the series)', async () => {
    store.update(reading(500));
    expect(await collectPower()).toEqual({ 'GPU-0': 500 });
    clock.now = 2000;
    expect(await collectPower()).toEqual({});
    expect(callbacks.size).toBe(1);
  });
});
