import { diag } from '@opentelemetry/api';
import { globalSlot } from './global-slot.js';

/**
 * Warnings raised before the app installs a diag logger. OTel's diag drops
 * them, and `warnOnce` would never repeat them, so the first few are held and
 * emitted when a logger arrives: at the next Sightline log call, at `init`, or
 * from an unref'd poll, whichever comes first.
 */
export interface PendingWarnings {
  queue: (() => void)[];
  dropped: number;
  poll: ReturnType<typeof setInterval> | undefined;
}

interface PendingWarningsSlot {
  pendingWarnings?: PendingWarnings;
}

export const MAX_PENDING_WARNINGS = 20;
const POLL_MS = 250;
/** Where `diag.setLogger` stores the logger; the key is fixed for the whole 1.x API line. */
const API_GLOBAL = Symbol.for('opentelemetry.js.api.1');

export function diagLoggerInstalled(): boolean {
  const registry = (globalThis as { [API_GLOBAL]?: { diag?: unknown } })[API_GLOBAL];
  return registry?.diag !== undefined;
}

function pending(): PendingWarnings {
  return (globalSlot<PendingWarningsSlot>().pendingWarnings ??= { queue: [], dropped: 0, poll: undefined });
}

/** Holds `emit` until a diag logger is installed; past the bound it is counted instead. */
export function holdWarning(emit: () => void): void {
  const state = pending();
  if (state.queue.length >= MAX_PENDING_WARNINGS) {
    state.dropped++;
  } else {
    state.queue.push(emit);
  }
  if (state.poll === undefined) {
    state.poll = setInterval(flushPendingWarnings, POLL_MS);
    state.poll.unref();
  }
}

/** Emits the held warnings if a diag logger is installed now. */
export function flushPendingWarnings(): void {
  const state = globalSlot<PendingWarningsSlot>().pendingWarnings;
  if (state === undefined || state.queue.length + state.dropped === 0 || !diagLoggerInstalled()) return;
  const queue = state.queue.splice(0);
  const dropped = state.dropped;
  state.dropped = 0;
  if (state.poll !== undefined) clearInterval(state.poll);
  state.poll = undefined;
  for (const emit of queue) emit();
  if (dropped > 0) {
    diag
      .createComponentLogger({ namespace: 'sightline/logger' })
      .warn(`${dropped} more Sightline warnings were raised before a diag logger was installed; install one before init() to see them all`);
  }
}
