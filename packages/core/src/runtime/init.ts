import { createLogger } from '../internal/logger.js';
import type { DefaultTagSchema, InitOptions, Sightline, TagSchema } from '../types.js';
import { buildComponents } from './components.js';
import { runtimeSlot } from './runtime-slot.js';
import { buildProviders, privateProviders, registerProviders } from './providers.js';
import { registeredSdkGlobals, sdkProvidersIn, warnSdkAlreadyRegistered, watchForLaterSdk } from './sdk-conflicts.js';
import type { Signals } from './signals.js';
import { prepareRuntime, startRuntime } from './start-runtime.js';

const log = createLogger('init');

/**
 * Registers tracer, meter and logger providers with tag stamping and the
 * selected exporters (the `.sightline/` files by default). Configuration
 * errors (a reserved tag key, an invalid default) throw here, at start-up;
 * nothing after `init` throws into the app. A second call warns and returns
 * the first instance. Beside an SDK the app registered already, it registers
 * nothing global and warns once with the fix (`sightlineComponents`).
 */
export function init<S extends TagSchema = DefaultTagSchema>(options: InitOptions<S> = {}): Sightline<S> {
  const slot = runtimeSlot();
  if (slot.instance) {
    log.warnOnce('init-twice', 'init() was called again; returning the instance from the first call');
    return slot.instance as unknown as Sightline<S>;
  }
  // Built before anything is registered: an invalid schema or budget throws without leaving half a setup.
  const prepared = prepareRuntime(options as InitOptions<TagSchema>);
  const { parts, metricAccumulator, fileDir } = buildComponents(prepared.options);
  const providers = buildProviders(parts, prepared.resource);
  const foreign = registeredSdkGlobals();
  let signals: Signals;
  if (sdkProvidersIn(foreign)) {
    warnSdkAlreadyRegistered(foreign);
    signals = privateProviders(providers, fileDir);
  } else {
    const registered = registerProviders(providers, parts, fileDir, foreign);
    const unwatch = watchForLaterSdk(providers.tracerProvider);
    signals = { ...registered, releaseGlobals: () => (unwatch(), registered.releaseGlobals()) };
  }
  return startRuntime(prepared, signals, metricAccumulator) as unknown as Sightline<S>;
}
