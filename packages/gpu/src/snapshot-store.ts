import type { GpuReading } from './reading.js';
import type { GpuSnapshot } from './types.js';

interface EnergyState {
  joules: number;
  lastPowerWatts: number | undefined;
  lastAtMs: number;
}

/**
 * The last reading per GPU, plus energy integrated from power over time (the
 * tools report watts, `METRIC_HW_ENERGY` is joules): a trapezoid between consecutive
 * readings of the same GPU. A reading without power adds nothing, and the
 * next one starts afresh from it.
 */
export class SnapshotStore {
  private readonly byId = new Map<string, GpuSnapshot>();
  private readonly energy = new Map<string, EnergyState>();
  private sorted: readonly GpuSnapshot[] | undefined;

  constructor(
    /** Readings older than this are kept for latest() but no longer reported as current. */
    readonly staleAfterMs = Number.POSITIVE_INFINITY,
    private readonly monotonicMs: () => number = () => performance.now(),
    private readonly wallClockMs: () => number = () => Date.now(),
  ) {}

  update(reading: GpuReading): void {
    const now = this.monotonicMs();
    const state = this.energy.get(reading.id) ?? { joules: 0, lastPowerWatts: undefined, lastAtMs: now };
    const power = reading.powerWatts;
    if (power !== undefined && state.lastPowerWatts !== undefined && now > state.lastAtMs) {
      state.joules += ((state.lastPowerWatts + power) / 2) * ((now - state.lastAtMs) / 1000);
    }
    state.lastPowerWatts = power;
    state.lastAtMs = now;
    this.energy.set(reading.id, state);
    this.byId.set(reading.id, { ...reading, energyJoules: state.joules, sampledAt: this.wallClockMs() });
    this.sorted = undefined;
  }

  /** Every GPU seen, by index. The array is cached until the next update. */
  latest(): readonly GpuSnapshot[] {
    this.sorted ??= Object.freeze([...this.byId.values()].sort((a, b) => a.index - b.index));
    return this.sorted;
  }

  /**
   * The readings young enough to describe the GPU now: while the tool is down
   * (restarting, hung), metrics and spans get nothing rather than stale values.
   */
  current(): GpuSnapshot[] {
    const oldest = this.wallClockMs() - this.staleAfterMs;
    return this.latest().filter((gpu) => gpu.sampledAt >= oldest);
  }

  /** The current GPU named by index or uuid; by default the only one, or the one with the most memory in use. */
  serving(selector: number | string | undefined): GpuSnapshot | undefined {
    // Runs on every model-call span: no allocation, one pass.
    const oldest = this.wallClockMs() - this.staleAfterMs;
    let chosen: GpuSnapshot | undefined;
    for (const gpu of this.latest()) {
      if (gpu.sampledAt < oldest) continue;
      if (selector !== undefined) {
        if (typeof selector === 'number' ? gpu.index === selector : gpu.id === selector) return gpu;
      } else if (!chosen || (gpu.memoryUsedBytes ?? -1) > (chosen.memoryUsedBytes ?? -1)) {
        chosen = gpu;
      }
    }
    return chosen;
  }
}
