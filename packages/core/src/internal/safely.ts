import { createLogger } from './logger.js';

const log = createLogger('safely');

/**
 * Runs instrumentation or a user hook so that its failure can never reach the
 * instrumented application: an exception (or a rejected promise) is warned about
 * once per `cause` and the fallback is returned.
 */
export function safely<T>(cause: string, fn: () => T, fallback?: T): T | undefined {
  try {
    const result = fn();
    if (isPromiseLike(result)) {
      (result as unknown as Promise<unknown>).then(undefined, (error: unknown) => reportFailure(cause, error));
    }
    return result;
  } catch (error) {
    reportFailure(cause, error);
    return fallback;
  }
}

/**
 * What `safely` does with a failure, for hot paths that catch inline instead of
 * passing a closure (one allocation per call saved, on code that runs per span).
 */
export function reportFailure(cause: string, error: unknown): void {
  log.warnOnce(cause, `${cause} failed; the application is unaffected`, error);
}

export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function'
  );
}
