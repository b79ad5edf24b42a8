import { registerBudgetTracker } from '../budgets/registry.js';
import type { EvaluationEngine } from '../evaluation/types.js';
import { createLogger } from '../internal/logger.js';
import { resetInternalCounters } from '../metrics/internal-counters.js';
import { configurePricing } from '../pricing/index.js';
import { readTags } from '../tags/tag-context.js';
import type { TagRuntime } from '../tags/tag-runtime.js';
import { runWithTags } from '../tags/with-tags.js';
import type { Sightline, TagInput, Tags, TagSchema } from '../types.js';
import { globalSlot } from './global-slot.js';
import { unregisterPipelines, type Pipelines } from './pipelines.js';

const log = createLogger('runtime');

/** The optional parts of an instance: present only when configured at `init`. */
export interface InstanceExtras {
  evaluations?: EvaluationEngine;
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
    private readonly pipelines: Pipelines,
    private readonly extras: InstanceExtras = {},
  ) {}

  /** Where the file exporter writes, when it is on. */
  get fileDir(): string | undefined {
    return this.pipelines.fileDir;
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
    // Then spans, so that metrics and logs recorded while spans end are in the flush after them.
    await settle('flush traces', this.pipelines.tracerProvider.forceFlush());
    await Promise.all([
      settle('flush logs', this.pipelines.loggerProvider.forceFlush()),
      settle('flush metrics', this.pipelines.meterProvider.forceFlush()),
    ]);
  }

  shutdown(): Promise<void> {
    this.shutdownPromise ??= this.shutdownOnce();
    return this.shutdownPromise;
  }

  private async shutdownOnce(): Promise<void> {
    await settle('shut down evaluations', this.extras.evaluations?.shutdown(this.extras.flushTimeoutMs) ?? Promise.resolve());
    await settle('shut down traces', this.pipelines.tracerProvider.shutdown());
    await settle('shut down logs', this.pipelines.loggerProvider.shutdown());
    await settle('shut down metrics', this.pipelines.meterProvider.shutdown());
    const slot = globalSlot();
    if (slot.instance === (this as unknown)) {
      slot.instance = undefined;
      slot.tagRuntime = undefined;
      unregisterPipelines();
      registerBudgetTracker(undefined);
      slot.untaggedSpikes = undefined;
      resetInternalCounters();
      slot.warnedCauses.clear();
      configurePricing({});
    }
  }
}

async function settle(what: string, work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    log.warnOnce(what, `${what} failed`, error);
  }
}
