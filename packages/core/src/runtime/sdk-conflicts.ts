import { trace, type TracerProvider } from '@opentelemetry/api';
import { createLogger } from '../internal/logger.js';
import { countInternal } from '../metrics/internal-counters.js';
import { ATTR_SIGHTLINE_SDK_ORDER, METRIC_SIGHTLINE_SDK_CONFLICTS } from '../semconv.js';

const log = createLogger('init');

/** Where `@opentelemetry/api` 1.x keeps its globals (the same key on API 1.9 and 1.10). */
const API_REGISTRY = Symbol.for('opentelemetry.js.api.1');
const API_GLOBALS = ['trace', 'metrics', 'context', 'propagation'] as const;
/** A registered tracer or meter provider means an SDK runs; a context manager or propagator alone does not. */
const SDK_PROVIDERS = new Set<string>(['trace', 'metrics']);

export const SDK_FIX =
  'Fix: drop init() and start your SDK as `new NodeSDK({ ...sightlineComponents(options), ...yourOptions })` ' +
  '(see docs/bring-your-own-sdk.md)';

/** The OpenTelemetry API globals registered already (none before any SDK starts). */
export function registeredSdkGlobals(): string[] {
  const registry = (globalThis as { [API_REGISTRY]?: Record<string, unknown> })[API_REGISTRY];
  return API_GLOBALS.filter((name) => registry?.[name] !== undefined);
}

/** Whether an SDK holds the tracer or meter provider, which `init` then must not take. */
export function sdkProvidersIn(globals: readonly string[]): boolean {
  return globals.some((name) => SDK_PROVIDERS.has(name));
}

export function warnSdkAlreadyRegistered(globals: readonly string[]): void {
  countInternal(METRIC_SIGHTLINE_SDK_CONFLICTS, 'OpenTelemetry SDKs found in conflict with init()', {
    [ATTR_SIGHTLINE_SDK_ORDER]: 'sdk_first',
  });
  log.warnOnce(
    'sdk-registered',
    `init() found an OpenTelemetry SDK already registered (${globals.join(', ')}). Sightline registered nothing global, ` +
      `so that SDK's spans carry no Sightline tags and Sightline exports no spans. ${SDK_FIX}`,
  );
}

/**
 * After `init` registered Sightline's tracer provider, an SDK started later is
 * refused by the API with nothing but a diag error, and its exporters get no
 * spans. The API's own registration method is watched (not replaced in
 * behaviour) to say so once, with the fix. Returns the undo.
 */
export function watchForLaterSdk(ours: TracerProvider): () => void {
  const api = trace as { setGlobalTracerProvider: (provider: TracerProvider) => boolean };
  const register = api.setGlobalTracerProvider;
  const watched = function (provider: TracerProvider): boolean {
    const registered = register.call(trace, provider);
    if (!registered && provider !== ours) {
      countInternal(METRIC_SIGHTLINE_SDK_CONFLICTS, 'OpenTelemetry SDKs found in conflict with init()', {
        [ATTR_SIGHTLINE_SDK_ORDER]: 'sightline_first',
      });
      log.warnOnce(
        'sdk-after-init',
        'an OpenTelemetry SDK started after init() and could not register its tracer provider: its exporters receive no spans. ' + SDK_FIX,
      );
    }
    return registered;
  };
  Object.defineProperty(api, 'setGlobalTracerProvider', { value: watched, configurable: true, writable: true });
  return () => {
    if (api.setGlobalTracerProvider === watched) delete (api as Partial<typeof api>).setGlobalTracerProvider;
  };
}
