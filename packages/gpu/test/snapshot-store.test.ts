import { describe, expect, it } from 'vitest';
import type { GpuReading } from '../src/reading.js';
import { SnapshotStore } from '../src/snapshot-store.js';

const reading = (index: number, overrides: Partial<GpuReading> = {}): GpuReading => ({
  vendor: 'nvidia',
  index,
  id: `GPU-${index}`,
  name: 'NVIDIA H100 80GB HBM3',
  utilization: 0.5,
  memoryActivity: undefined,
  memoryUsedBytes: 100 * (index + 1),
  memoryTotalBytes: 1000,
  temperatureCelsius: 50,
  powerWatts: 100,
  powerLimitWatts: 700,
  ...overrides,
});

function clockedStore(staleAfterMs = Number.POSITIVE_INFINITY) {
  const clock = { now: 0 };
  const store = new SnapshotStore(
    staleAfterMs,
    () => clock.now,
    () => 1_700_000_000_000 + clock.now,
  );
  return { clock, store };
}

describe('snapshot store', () => {
  it('integrates power into joules with trapezoids, per GPU, and restarts integration after a missing power reading', () => {
    const { clock, store } = clockedStore();
    store.update(reading(0, { powerWatts: 100 }));
    store.update(reading(1, { powerWatts: 50 }));
    clock.now = 1000;
    store.update(reading(0, { powerWatts: 300 })); // (100+300)/2 W × 1 s = 200 J
    clock.now = 2000;
    store.update(reading(0, { powerWatts: undefined })); // [N/A]: nothing added
    clock.now = 2500;
    store.update(reading(0, { powerWatts: 200 })); // no previous power: a new start
    clock.now = 3000;
    store.update(reading(0, { powerWatts: 200 })); // 200 W × 0.5 s = 100 J
    store.update(reading(1, { powerWatts: 50 })); // 50 W × 3 s = 150 J
    expect(store.latest().map((gpu) => [gpu.id, gpu.energyJoules, gpu.sampledAt])).toEqual([
      ['GPU-0', 300, 1_700_000_003_000],
      ['GPU-1', 150, 1_700_000_003_000],
    ]);
  });

  it('keeps latest() by index and cached until the next update', () => {
    const { store } = clockedStore();
    store.update(reading(1));
    store.update(reading(0));
    const first = store.latest();
    expect(first.map((gpu) => gpu.index)).toEqual([0, 1]);
    expect(store.latest()).toBe(first);
    store.update(reading(1, { utilization: 0.9 }));
    expect(store.latest()).not.toBe(first);
  });

  it('picks the serving GPU by index, by uuid, or else the one with the most memory in use; stale readings are not current', () => {
    const { clock, store } = clockedStore(5000);
    store.update(reading(0, { memoryUsedBytes: 900 }));
    clock.now = 4000;
    store.update(reading(1, { memoryUsedBytes: 200 }));
    expect(store.serving(undefined)?.id).toBe('GPU-0');
    expect(store.serving(1)?.id).toBe('GPU-1');
    expect(store.serving('GPU-1')?.index).toBe(1);
    expect(store.serving(7)).toBeUndefined();
    clock.now = 5001; // GPU-0's reading is now older than 5 s
    expect(store.current().map((gpu) => gpu.id)).toEqual(['GPU-1']);
    expect(store.serving(undefined)?.id).toBe('GPU-1');
    expect(store.latest()).toHaveLength(2);
  });
});
