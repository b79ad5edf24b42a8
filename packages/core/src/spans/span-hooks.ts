import type { Context } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/sdk-trace';
import { createLogger } from '../internal/logger.js';
import { globalSlot } from '../internal/global-slot.js';

const log = createLogger('span-hooks');

/**
 * Lets a package enrich spans it did not create (the GPU sampler adds its
 * snapshot to model-call spans). Hooks run inside Sightline's span processor,
 * guarded: a throwing hook is warned about once and skipped.
 */
export interface SpanHook {
  onStart?(span: Span, parentContext: Context): void;
  /** Called while the span can still take attributes, just before it ends. */
  onEnding?(span: Span): void;
}

export function registerSpanHook(hook: SpanHook): () => void {
  const hooks = spanHooks();
  hooks.push(hook);
  return () => {
    const index = hooks.indexOf(hook);
    if (index >= 0) hooks.splice(index, 1);
  };
}

/** Runs every hook's `onStart`, each guarded. */
export function runStartHooks(span: Span, parentContext: Context): void {
  for (const hook of spanHooks()) guarded('onStart', () => hook.onStart?.(span, parentContext));
}

/** Runs every hook's `onEnding`, each guarded. */
export function runEndingHooks(span: Span): void {
  for (const hook of spanHooks()) guarded('onEnding', () => hook.onEnding?.(span));
}

function guarded(phase: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    log.warnOnce(`hook:${phase}`, `a span hook threw in ${phase}; it was skipped`, error);
  }
}

function spanHooks(): SpanHook[] {
  const slot = globalSlot() as { spanHooks?: SpanHook[] };
  return (slot.spanHooks ??= []);
}
