export type Settled<T> = { ok: true; value: T } | { ok: false; timedOut: boolean; error: unknown };

/**
 * Runs `work` with its own AbortSignal, aborted after `timeoutMs` or when
 * `outer` aborts. Resolves (never rejects) with the outcome; a late rejection of
 * abandoned work is still handled, so nothing surfaces as unhandled.
 */
export function runWithTimeout<T>(
  work: (signal: AbortSignal) => PromiseLike<T> | T,
  timeoutMs: number,
  outer?: AbortSignal,
): Promise<Settled<T>> {
  const controller = new AbortController();
  return new Promise<Settled<T>>((resolve) => {
    let done = false;
    const finish = (outcome: Settled<T>): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
      if (!outcome.ok) controller.abort();
      resolve(outcome);
    };
    const onOuterAbort = (): void => finish({ ok: false, timedOut: true, error: outer?.reason });
    const timer = setTimeout(() => finish({ ok: false, timedOut: true, error: undefined }), timeoutMs);
    timer.unref?.();
    if (outer?.aborted) return onOuterAbort();
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    try {
      Promise.resolve(work(controller.signal)).then(
        (value) => finish({ ok: true, value }),
        (error: unknown) => finish({ ok: false, timedOut: false, error }),
      );
    } catch (error) {
      finish({ ok: false, timedOut: false, error });
    }
  });
}
