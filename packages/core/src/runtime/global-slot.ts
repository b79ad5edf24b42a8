import type { AsyncLocalStorage } from 'node:async_hooks';
import type { UntaggedSpikeDetector } from '../alerts/untagged-spike.js';
import type { PendingWarnings } from '../internal/pending-warnings.js';
import type { MetricAccumulator } from '../metrics/accumulator.js';
import type { ParentResolver } from '../types.js';
import type { TagRuntime } from '../tags/tag-runtime.js';
import type { SightlineInstance } from './instance.js';

/**
 * Process-wide state lives on globalThis under a registered symbol, so that the
 * ESM and CJS builds of @sightline/core (the dual-package hazard) and several
 * copies in one node_modules tree all share one registry.
 */
interface GlobalSlot {
  instance: SightlineInstance<never> | undefined;
  /** Set by `init` or by `sightlineSpanProcessor()` for apps that bring their own SDK. */
  tagRuntime: TagRuntime | undefined;
  parentResolvers: ParentResolver[];
  /** Set by `init`, whose readers collect it; apps that bring their own SDK record through its instruments instead. */
  metricAccumulator?: MetricAccumulator;
  /** Set by `init` unless `untaggedAlert: false`. */
  untaggedSpikes?: UntaggedSpikeDetector;
  warnedCauses: Set<string>;
  /** Tags of `withTags` scopes entered before `init` (tags/tag-context.ts). */
  pendingTags?: AsyncLocalStorage<Readonly<Record<string, unknown>>>;
  /** Warnings raised before a diag logger was installed (internal/pending-warnings.ts). */
  pendingWarnings?: PendingWarnings;
}

const SLOT_KEY = Symbol.for('sightline.core.global.v1');

export function globalSlot(): GlobalSlot {
  const holder = globalThis as { [SLOT_KEY]?: GlobalSlot };
  return (holder[SLOT_KEY] ??= {
    instance: undefined,
    tagRuntime: undefined,
    parentResolvers: [],
    warnedCauses: new Set(),
  });
}
