/** Ends a server span when the SDK gives up on the request: it sends no answer then, whatever the handler does. */
export class McpRequestCancelled extends Error {
  override name = 'McpRequestCancelled';
  constructor() {
    super('the request was cancelled, or its connection closed, before the handler finished');
  }
}

/**
 * Settles like `result`, or rejects with `McpRequestCancelled` once `signal`
 * aborts. Only the SDK sees this promise, and it drops the outcome of an
 * aborted request either way; the span, though, must not stay open for a
 * handler that never returns.
 */
export function untilCancelled(result: unknown, signal: unknown): unknown {
  if (!(result instanceof Promise) || !(signal instanceof AbortSignal)) return result;
  return settleOrCancel(result, signal);
}

const ONCE = { once: true } as const;
const nextTurn: (callback: () => void) => void =
  typeof setImmediate === 'function' ? (callback) => setImmediate(callback) : (callback) => setTimeout(callback, 0);

/**
 * The abort listener is added only if the handler is still running on the
 * event loop's next turn: most handlers have settled by then, and adding and
 * removing an EventTarget listener costs more than the rest of this wrapper.
 * An abort in between is seen on that turn, through `signal.aborted`.
 */
function settleOrCancel(result: Promise<unknown>, signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let listening = false;
    const cancel = (): void => reject(new McpRequestCancelled());
    const done = (): void => {
      settled = true;
      if (listening) signal.removeEventListener('abort', cancel);
    };
    result.then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
    if (signal.aborted) {
      cancel();
      return;
    }
    nextTurn(() => {
      if (settled) return;
      if (signal.aborted) cancel();
      else {
        signal.addEventListener('abort', cancel, ONCE);
        listening = true;
      }
    });
  });
}
