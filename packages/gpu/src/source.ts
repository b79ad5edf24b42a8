import { semconv } from '@sightline/core/instrumentation';
import type { GpuSamplerStatus } from './types.js';

export type FirstOutcome =
  | { kind: 'sampling' }
  | { kind: 'unavailable'; reason: typeof semconv.REASON_TOOL_NOT_FOUND | typeof semconv.REASON_TOOL_FAILED; detail: string };

/** A running GPU tool, whichever the vendor. */
export interface GpuSource {
  /** Settles once: the first good reading, a tool that cannot run at all, or (for a silent tool) the watchdog period. */
  readonly firstOutcome: Promise<FirstOutcome>;
  state(): Exclude<GpuSamplerStatus, 'stopped'>;
  stop(): Promise<void>;
}

export interface SourceSettings {
  file: string;
  leadingArgs: readonly string[];
  intervalMs: number;
  watchdogMs: number;
  restartDelayMs: number;
  maxRestartDelayMs: number;
}

/**
 * The first-outcome promise, settled at most once, whichever path gets there
 * first. A tool that starts but stays silent for `silentAfterMs` still yields
 * a sampler (its watchdog takes over). The pending timer is deliberately not
 * unref'd: everything else of the sampler is, and `await startGpuSampler()`
 * must not let the process exit in the middle of the await.
 */
export function firstOutcomeLatch(silentAfterMs: number): {
  promise: Promise<FirstOutcome>;
  settle(outcome: FirstOutcome): void;
  settled(): boolean;
} {
  let resolve!: (outcome: FirstOutcome) => void;
  let done = false;
  const promise = new Promise<FirstOutcome>((settle) => (resolve = settle));
  const settle = (outcome: FirstOutcome): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    resolve(outcome);
  };
  const timer = setTimeout(() => settle({ kind: 'sampling' }), silentAfterMs);
  return { promise, settle, settled: () => done };
}

export function spawnFailureOutcome(error: NodeJS.ErrnoException): FirstOutcome {
  return error.code === 'ENOENT'
    ? { kind: 'unavailable', reason: semconv.REASON_TOOL_NOT_FOUND, detail: error.message }
    : { kind: 'unavailable', reason: semconv.REASON_TOOL_FAILED, detail: error.message };
}
