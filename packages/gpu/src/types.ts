export type GpuVendor = 'nvidia' | 'amd';

export interface GpuCorrelationOptions {
  /** Turns span correlation off entirely. Default true. */
  enabled?: boolean;
  /**
   * `ATTR_GEN_AI_PROVIDER_NAME` values that run on this machine's GPUs, added to the
   * defaults (`ollama`, `vllm`).
   */
  selfHostedProviders?: readonly string[];
  /** Snapshot every model call, whatever its provider (opt-in: a hosted API's latency says nothing about local GPUs). */
  allProviders?: boolean;
  /**
   * The GPU that serves the model: its index or uuid. Default: the only GPU, or
   * on a multi-GPU host the one with the most memory in use (where the weights sit).
   */
  servingGpu?: number | string;
}

export interface GpuSamplerOptions {
  /** Sampling interval. Default 1000; values under 100 are raised to 100. */
  intervalMs?: number;
  /** Which tool to run. `auto` (default) tries nvidia-smi, then rocm-smi. */
  vendor?: 'auto' | GpuVendor;
  /**
   * The tool to run instead of `nvidia-smi` / `rocm-smi`: a path, or a program
   * with leading arguments (e.g. `['docker', 'exec', 'llm', 'nvidia-smi']`).
   * With `vendor: 'auto'` it is taken as nvidia-smi.
   */
  command?: string | readonly string[];
  /** Model-call span enrichment; see the docs. */
  correlation?: GpuCorrelationOptions;
  /** A tool that prints nothing for this long is killed and restarted. Default max(5 × interval, 5000). */
  watchdogMs?: number;
  /** First restart delay after a crash; doubles per consecutive failure. Default 1000. */
  restartDelayMs?: number;
  /** Cap of the restart delay. Default 30000. */
  maxRestartDelayMs?: number;
}

/** One GPU's last reading. A field the tool reported as `[N/A]` or `[Not Supported]` is undefined. */
export interface GpuSnapshot {
  vendor: GpuVendor;
  index: number;
  /** nvidia-smi's uuid (`GPU-…`), rocm-smi's unique id, or `card<N>` when it has none. */
  id: string;
  name: string;
  /** 0..1 */
  utilization?: number;
  /** 0..1: memory-controller activity (nvidia `utilization.memory`), not capacity. */
  memoryActivity?: number;
  memoryUsedBytes?: number;
  memoryTotalBytes?: number;
  temperatureCelsius?: number;
  powerWatts?: number;
  powerLimitWatts?: number;
  /** Integrated from power over time since the sampler started (trapezoids between readings). */
  energyJoules: number;
  /** Epoch milliseconds when the reading arrived. */
  sampledAt: number;
}

/**
 * - `running`: the tool runs and has produced at least one good reading.
 * - `no_readings`: the tool runs but has never produced a good reading (it
 *   prints only garbage, or nothing yet): there is nothing to report, and a
 *   health check must not take it for working. It becomes `running` with the
 *   first good reading.
 * - `restarting`: the tool crashed or hung and is waiting out its backoff.
 * - `unavailable`: no usable tool; see `unavailableReason`.
 * - `stopped`: `stop()` was called.
 */
export type GpuSamplerStatus = 'running' | 'no_readings' | 'restarting' | 'unavailable' | 'stopped';

export interface GpuSampler {
  /** The tool in use; undefined when unavailable. */
  readonly vendor: GpuVendor | undefined;
  status(): GpuSamplerStatus;
  /** Why the sampler is unavailable (`not_found` or `failed: …`); undefined otherwise. */
  readonly unavailableReason: string | undefined;
  /** The last reading of every GPU seen, by index. */
  latest(): readonly GpuSnapshot[];
  /** Ends the tool's process, the metrics and the span correlation. Idempotent; never rejects. */
  stop(): Promise<void>;
}
