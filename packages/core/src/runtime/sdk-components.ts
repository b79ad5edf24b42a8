import { createLogger } from '../internal/logger.js';
import type { DefaultTagSchema, InitOptions, Sightline, TagSchema } from '../types.js';
import { buildComponents, type SightlineSdkParts } from './components.js';
import { runtimeSlot } from './runtime-slot.js';
import { pipelineOf, type Signals } from './signals.js';
import { prepareRuntime, startRuntime } from './start-runtime.js';

const log = createLogger('components');

/** What `sightlineComponents` returns: NodeSDK options to spread, and the running instance (not spread). */
export type SightlineComponents<S extends TagSchema = DefaultTagSchema> = SightlineSdkParts & {
  /** The runtime these parts feed: `withTags`, `forceFlush`, `shutdown` (call it before the SDK's). */
  readonly sightline: Sightline<S>;
};

/** `init` options that mean something beside an app's SDK: the resource and service name are the app's. */
export type ComponentOptions<S extends TagSchema = DefaultTagSchema> = Omit<
  InitOptions<S>,
  'serviceName' | 'serviceVersion' | 'resourceAttributes'
>;

/**
 * For apps that run their own NodeSDK: starts Sightline's runtime (tags, budgets,
 * evaluations, alerts, the file exporter) exactly as `init` does, and returns the
 * span processors, metric readers and views, log record processors, propagator and
 * context manager to spread into `new NodeSDK({ ...sightlineComponents(), ... })`.
 * The SDK registers the globals and shuts the pipelines down; Sightline registers nothing.
 */
export function sightlineComponents<S extends TagSchema = DefaultTagSchema>(options: ComponentOptions<S> = {}): SightlineComponents<S> {
  const existing = runtimeSlot().instance;
  if (existing !== undefined) {
    log.warnOnce(
      'twice',
      'sightlineComponents() or init() ran already; the second call gets parts of its own but shares the first runtime',
    );
  }
  const prepared = prepareRuntime(options as InitOptions<TagSchema>);
  const { parts, metricAccumulator, fileDir } = buildComponents(prepared.options);
  const signals: Signals = {
    traces: pipelineOf(parts.spanProcessors),
    metrics: pipelineOf(parts.metricReaders),
    logs: pipelineOf(parts.logRecordProcessors),
    owned: false,
    fileDir,
    releaseGlobals: () => {},
  };
  const instance = existing ?? startRuntime(prepared, signals, metricAccumulator);
  const components = { ...parts } as SightlineComponents<S>;
  // Not enumerable, so that spreading the result hands NodeSDK only options it knows.
  Object.defineProperty(components, 'sightline', { value: instance, enumerable: false });
  return components;
}
