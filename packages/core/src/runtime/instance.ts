import { registerSpendAccountant } from '../metrics/spend-hook.js';
import { unregisterEvaluationEngine } from '../evaluation-hook/registry.js';
import type { EvaluationEngine } from '../evaluation-hook/types.js';
import { createLogger } from '../internal/logger.js';
import { resetInternalCounters } from '../metrics/internal-counters.js';
import { configurePricing } from '../pricing/index.js';
import { readTags } from '../tags/tag-context.js';
import type { TagRuntime } from '../tags/tag-runtime.js';
import { runWithTags } from '../tags/with-tags.js';
import type { Sightline, TagInput, Tags, TagSchema } from '../types.js';
import { runtimeSlot } from './runtime-slot.js';
import type { SignalPipeline, Signals } from './signals.js';

const log = createLogger('runtime');

/** The optional parts of an instance: present only when configured at `init`. */
export interface InstanceExtras {
  evaluations?: EvaluationEngine;
  /** How long flush and shutdown wait for the exporters, all signals together. Default 10 000 ms. */
  exportDeadlineMs?: number;
  /** How long flush and shutdown wait for queued evaluations (the engine's default when unset). */
  flushTimeoutMs?: number;
}

/** What `init` returns: the tag API plus lifecycle of the providers it registered. */
export class SightlineInstance<S extends TagSchema> implements Sightline<S> {
  private shutdownPromise: Promise<void> | undefined;

  constructor(
    readonly serviceName: string,
    readonly captureContent: boolean,
    readonly tagRuntime: TagRuntime,
    private readonly signals: Signals,
    private readonly extras: InstanceExtras = {},
  ) {}

  /** Where the file exporter writes, when it is on. */
  get fileDir(): string | undefined {
    return this.signals.fileDir;
  }

  withTags<T>(tags: TagInput<S>, fn: () => T): T {
    return runWithTags(this.tagRuntime, tags, fn);
  }

  getTags(): Tags<S> {
    return { ...readTags() } as Tags<S>;
  }

  async forceFlush(): Promise<void> {
    // Evaluations first: their log records and metrics must be in the flush below.
    await settle('flush evaluations', this.extras.evaluations?.flush(this.extras.flushTimeoutMs) ?? Promise.resolve());
    const deadline = this.exportDeadline();
    // Then spans, so that metrics and logs recorded while spans end are in the flush after them.
    await settle('flush traces', this.signals.traces.forceFlush(), deadline);
    await Promise.all([
      settle('flush logs', this.signals.logs.forceFlush(), deadline),
      settle('flush metrics', this.signals.metrics.forceFlush(), deadline),
    ]);
  }

  shutdown(): Promise<void> {
    this.shutdownPromise ??= this.shutdownOnce();
    return this.shutdownPromise;
  }

  private async shutdownOnce(): Promise<void> {
    const evaluations = this.extras.evaluations;
    await settle('shut down evaluations', evaluations?.shutdown(this.extras.flushTimeoutMs) ?? Promise.resolve());
    if (evaluations !== undefined) unregisterEvaluationEngine(evaluations);
    // An unreachable collector must not hold the app's exit: past the deadline, what is still buffered is given up.
    const deadline = this.exportDeadline();
    // Beside the app's own SDK, that SDK shuts its pipelines down; Sightline only drains its parts of them.
    const end = (pipeline: SignalPipeline) => (this.signals.owned ? pipeline.shutdown() : pipeline.forceFlush());
    await settle('shut down traces', end(this.signals.traces), deadline);
    await settle('shut down logs', end(this.signals.logs), deadline);
    await settle('shut down metrics', end(this.signals.metrics), deadline);
    const slot = runtimeSlot();
    if (slot.instance === (this as unknown)) {
      slot.instance = undefined;
      slot.tagRuntime = undefined;
      slot.metricAccumulator = undefined;
      this.signals.releaseGlobals();
      registerSpendAccountant(undefined);
      slot.untaggedSpikes = undefined;
      resetInternalCounters();
      slot.warnedCauses.clear();
      configurePricing({});
    }
  }

  private exportDeadline(): number {
    return performance.now() + Math.max(0, this.extras.exportDeadlineMs ?? DEFAULT_EXPORT_DEADLINE_MS);
  }
}

const DEFAULT_EXPORT_DEADLINE_MS = 10_000;

/** Waits for `work` until `deadline` (a `performance.now()` time); failures and overruns are warned about, never thrown. */
async function settle(what: string, work: Promise<unknown>, deadline = Number.POSITIVE_INFINITY): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<'overrun'>((resolve) => {
    if (deadline === Number.POSITIVE_INFINITY) return;
    timer = setTimeout(() => resolve('overrun'), Math.max(0, deadline - performance.now()));
    timer.unref();
  });
  try {
    if ((await Promise.race([work, overrun])) === 'overrun') {
      log.warnOnce(`${what}:deadline`, `${what} did not finish before the export deadline; telemetry still buffered there is given up`);
    }
  } catch (error) {
    log.warnOnce(what, `${what} failed`, error);
  } finally {
    clearTimeout(timer);
  }
}
