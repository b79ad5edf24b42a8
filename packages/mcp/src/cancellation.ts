/** Ends a server span when the SDK gives up on the request: it sends no answer then, whatever the handler does. */
export class McpRequestCancelled extends Error {
  override name = 'McpRequestCancelled';
  constructor() {
    super('the request was cancelled, or its connection closed, before the handler finished');
  }
}

/**
 * Settles like `result`, or rejects with `McpRequestCancelled` as soon as
 * `signal` aborts. Only the SDK sees this promise, and it drops the outcome of
 * an aborted request either way; the span, though, must not stay open for a
 * handler that never returns.
 */
export function untilCancelled(result: unknown, signal: unknown): unknown {
  if (!(result instanceof Promise) || !(signal instanceof AbortSignal)) return result;
  return settleOrCancel(result, signal);
}

function settleOrCancel(result: Promise<unknown>, signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const cancel = (): void => reject(new McpRequestCancelled());
    if (signal.aborted) cancel();
    else signal.addEventListener('abort', cancel, { once: true });
    result.then(
      (value) => {
        signal.removeEventListener('abort', cancel);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', cancel);
        reject(error);
      },
    );
  });
}
