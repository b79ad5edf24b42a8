/** Ends a server span when the SDK gives up on the request: it sends no answer then, whatever the handler does. */
export class McpRequestCancelled extends Error {
  override name = 'McpRequestCancelled';
  constructor(reason: 'cancelled' | 'connection lost' = 'cancelled') {
    super(
      reason === 'cancelled'
        ? 'the request was cancelled, or its connection closed, before the handler finished'
        : 'the connection was lost (the input ended) before the handler finished',
    );
  }
}

/**
 * Settles like `result`, or rejects with `McpRequestCancelled` once `signal`
 * (the request's) or `lost` (the connection's input ended) aborts. Only the SDK
 * sees this promise, and it drops the outcome of an aborted request either way;
 * the span, though, must not stay open for a handler that never returns.
 */
export function untilCancelled(result: unknown, signal: unknown, lost?: AbortSignal): unknown {
  if (!(result instanceof Promise) || !(signal instanceof AbortSignal)) return result;
  return settleOrCancel(result, signal, lost);
}

const ONCE = { once: true } as const;
const nextTurn: (callback: () => void) => void =
  typeof setImmediate === 'function' ? (callback) => setImmediate(callback) : (callback) => setTimeout(callback, 0);

/**
 * The abort listeners are added only if the handler is still running on the
 * event loop's next turn: most handlers have settled by then, and adding and
 * removing an EventTarget listener costs more than the rest of this wrapper.
 * An abort in between is seen on that turn, through `aborted`.
 */
function settleOrCancel(result: Promise<unknown>, signal: AbortSignal, lost: AbortSignal | undefined): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let listening = false;
    const cancel = (): void => reject(new McpRequestCancelled());
    const loseConnection = (): void => reject(new McpRequestCancelled('connection lost'));
    const done = (): void => {
      settled = true;
      if (!listening) return;
      signal.removeEventListener('abort', cancel);
      lost?.removeEventListener('abort', loseConnection);
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
    if (signal.aborted) return cancel();
    if (lost?.aborted) return loseConnection();
    nextTurn(() => {
      if (settled) return;
      if (signal.aborted) return cancel();
      if (lost?.aborted) return loseConnection();
      signal.addEventListener('abort', cancel, ONCE);
      lost?.addEventListener('abort', loseConnection, ONCE);
      listening = true;
    });
  });
}
