/**
 * The SDK's StdioServerTransport (1.32) never notices that its input ended: a
 * client that exits or closes the pipe mid-call leaves the request's AbortSignal
 * untouched, so the server span of a handler still running would stay open and
 * be lost when the process shuts down. This signal aborts when that input ends.
 */
const lostSignals = new WeakMap<object, AbortSignal | undefined>();

interface InputStream {
  prependOnceListener(event: string, listener: () => void): unknown;
}

/** The signal for this transport's input, or undefined when the transport has no stdio input. */
export function connectionLostSignal(transport: unknown): AbortSignal | undefined {
  if (transport === null || typeof transport !== 'object') return undefined;
  if (lostSignals.has(transport)) return lostSignals.get(transport);
  const input = (transport as { _stdin?: unknown })._stdin;
  let signal: AbortSignal | undefined;
  if (isInputStream(input)) {
    const controller = new AbortController();
    const lost = (): void => controller.abort();
    // Prepended, so that open spans end before an app's own 'end' listener shuts telemetry down.
    input.prependOnceListener('end', lost);
    input.prependOnceListener('close', lost);
    signal = controller.signal;
  }
  lostSignals.set(transport, signal);
  return signal;
}

function isInputStream(value: unknown): value is InputStream {
  return value !== null && typeof value === 'object' && typeof (value as InputStream).prependOnceListener === 'function';
}
