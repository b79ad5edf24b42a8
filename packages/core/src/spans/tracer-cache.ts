import { trace, type Tracer, type TracerProvider } from '@opentelemetry/api';

/**
 * The tracer for `scope` from the provider registered now, without the SDK's
 * per-call key building and lookup. Still bound late: keyed by the provider
 * behind the API's proxy, so a provider registered, replaced or disabled later
 * gets its own entry (and before `init`, the no-op provider's no-op tracer).
 */
const tracers = new WeakMap<TracerProvider, Map<string, Tracer>>();
/** The last answer: integrations ask for the same scope and provider span after span. */
let last: { provider: TracerProvider; scope: string; tracer: Tracer } | undefined;

export function cachedTracer(scope: string): Tracer {
  const global = trace.getTracerProvider();
  const provider = (global as { getDelegate?: () => TracerProvider }).getDelegate?.() ?? global;
  if (last !== undefined && last.provider === provider && last.scope === scope) return last.tracer;
  let byScope = tracers.get(provider);
  if (byScope === undefined) {
    byScope = new Map();
    tracers.set(provider, byScope);
  }
  let tracer = byScope.get(scope);
  if (tracer === undefined) {
    tracer = provider.getTracer(scope);
    byScope.set(scope, tracer);
  }
  last = { provider, scope, tracer };
  return tracer;
}
