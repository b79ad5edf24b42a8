import { registerSpanHook, type SpanHook } from '@sightline/core/instrumentation';

interface Registration {
  unregister: () => void;
}

/**
 * Registers the hook that `create` builds, once per process under `key` (a `Symbol.for` slot, so
 * that the ESM and CJS builds of this package share it). A second call returns the first call's
 * unregister function; after it ran, the next call registers afresh.
 */
export function registerHookOnce(key: string, create: () => SpanHook): () => void {
  const slot = Symbol.for(`sightline.providers.${key}`);
  const holder = globalThis as { [slot]?: Registration };
  const existing = holder[slot];
  if (existing !== undefined) return existing.unregister;
  const remove = registerSpanHook(create());
  const registration: Registration = {
    unregister: () => {
      if (holder[slot] !== registration) return;
      delete holder[slot];
      remove();
    },
  };
  holder[slot] = registration;
  return registration.unregister;
}
