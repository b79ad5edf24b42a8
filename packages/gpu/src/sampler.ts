import { createLogger, semconv } from '@sightline/core/instrumentation';
import { startRocmSource } from './amd/rocm-source.js';
import { registerGpuCorrelation } from './correlation.js';
import { registerGpuMetrics } from './gpu-metrics.js';
import { samplerHealth } from './health.js';
import { startNvidiaSource } from './nvidia/nvidia-source.js';
import { SnapshotStore } from './snapshot-store.js';
import type { FirstOutcome, GpuSource, SourceSettings } from './source.js';
import type { GpuSampler, GpuSamplerOptions, GpuVendor } from './types.js';

const log = createLogger('gpu');
const MIN_INTERVAL_MS = 100;
const DEFAULT_TOOLS: Record<GpuVendor, string> = { nvidia: 'nvidia-smi', amd: 'rocm-smi' };
const SOURCES = { nvidia: startNvidiaSource, amd: startRocmSource };

/**
 * Starts sampling the machine's GPUs. Resolves once the tool has reported (or
 * failed to start), and never rejects: with no usable tool the sampler says
 * `unavailable` and does nothing.
 */
export async function startGpuSampler(options: GpuSamplerOptions = {}): Promise<GpuSampler> {
  try {
    return await startFirstAvailable(options);
  } catch (error) {
    log.warnOnce('start', 'the GPU sampler could not start; GPU metrics are off', error);
    return unavailableSampler(`${semconv.REASON_TOOL_FAILED}: ${String(error)}`);
  }
}

async function startFirstAvailable(options: GpuSamplerOptions): Promise<GpuSampler> {
  const requested = options.vendor ?? 'auto';
  // A custom command in auto mode is taken as nvidia-smi: there is nothing to detect.
  const vendors: GpuVendor[] = requested !== 'auto' ? [requested] : options.command !== undefined ? ['nvidia'] : ['nvidia', 'amd'];
  let unavailable: Extract<FirstOutcome, { kind: 'unavailable' }> | undefined;
  for (const vendor of vendors) {
    const settings = settingsFor(vendor, options);
    const store = new SnapshotStore(settings.intervalMs + settings.watchdogMs);
    const health = samplerHealth(vendor);
    const source = SOURCES[vendor](settings, store, health);
    const outcome = await source.firstOutcome;
    if (outcome.kind === 'sampling') return runningSampler(vendor, store, source, options);
    await source.stop();
    health.unavailable(outcome.reason, outcome.detail);
    // "not found" is the least informative reason: any other vendor's failure says more.
    if (!unavailable || unavailable.reason === semconv.REASON_TOOL_NOT_FOUND) unavailable = outcome;
  }
  const reason = unavailable?.reason ?? semconv.REASON_TOOL_NOT_FOUND;
  return unavailableSampler(reason === semconv.REASON_TOOL_FAILED ? `${reason}: ${unavailable?.detail ?? ''}` : reason);
}

function settingsFor(vendor: GpuVendor, options: GpuSamplerOptions): SourceSettings {
  const intervalMs = Math.max(MIN_INTERVAL_MS, Math.round(finiteOr(options.intervalMs, 1000)));
  const command = options.command ?? DEFAULT_TOOLS[vendor];
  const [file = DEFAULT_TOOLS[vendor], ...leadingArgs] = typeof command === 'string' ? [command] : command;
  return {
    file,
    leadingArgs,
    intervalMs,
    watchdogMs: finiteOr(options.watchdogMs, Math.max(5 * intervalMs, 5000)),
    restartDelayMs: finiteOr(options.restartDelayMs, 1000),
    maxRestartDelayMs: finiteOr(options.maxRestartDelayMs, 30_000),
  };
}

function runningSampler(vendor: GpuVendor, store: SnapshotStore, source: GpuSource, options: GpuSamplerOptions): GpuSampler {
  // The readings frozen by stop() stay reportable as long as a live one would.
  const finishMetrics = registerGpuMetrics(store, store.staleAfterMs);
  const unregisterCorrelation = registerGpuCorrelation(store, options.correlation);
  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    // The metrics keep the last readings for the collections that follow, so that stop() then shutdown() exports them.
    for (const unregister of [unregisterCorrelation, finishMetrics]) {
      try {
        unregister();
      } catch (error) {
        log.warnOnce('stop', 'could not detach the GPU metrics or span correlation', error);
      }
    }
    await source.stop().catch((error: unknown) => log.warnOnce('stop', 'could not stop the GPU tool', error));
  };
  return {
    vendor,
    unavailableReason: undefined,
    status: () => (stopping ? 'stopped' : source.state()),
    latest: () => store.latest(),
    stop: () => (stopping ??= stop()),
  };
}

function unavailableSampler(reason: string): GpuSampler {
  let stopped = false;
  return {
    vendor: undefined,
    unavailableReason: reason,
    status: () => (stopped ? 'stopped' : 'unavailable'),
    latest: () => [],
    stop: async () => {
      stopped = true;
    },
  };
}

function finiteOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}
