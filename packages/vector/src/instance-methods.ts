import { createLogger } from '@sightline/core/instrumentation';

const log = createLogger('vector');
const instrumented = new WeakSet<object>();

type AnyMethod = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Marks `target` as instrumented. Returns false when it already was, so that
 * instrumenting twice (directly, or once more through a client) wraps nothing twice.
 */
export function claimForInstrumentation(target: object): boolean {
  if (instrumented.has(target)) return false;
  instrumented.add(target);
  return true;
}

/**
 * Replaces `target[name]` with `wrap(original)` as an own property of this one
 * instance. Prototypes stay untouched, so other instances (and other tools that
 * patch the class) see the library as shipped. A missing method is skipped.
 */
export function wrapInstanceMethod(target: object, name: string, wrap: (original: AnyMethod) => AnyMethod): void {
  try {
    const original = (target as Record<string, unknown>)[name];
    if (typeof original !== 'function') return;
    Object.defineProperty(target, name, {
      value: wrap(original as AnyMethod),
      configurable: true,
      writable: true,
      enumerable: false,
    });
  } catch (error) {
    log.warnOnce(`wrap:${name}`, `could not instrument ${name}; it runs uninstrumented`, error);
  }
}
