import { context, metrics, propagation, trace } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { observeOn } from '../metrics/internal-counters.js';
import type { SightlineSdkParts } from './components.js';
import { logsApi } from '../internal/logs-api.js';
import type { Signals } from './signals.js';
import { createTracerProvider } from '../internal/trace-sdk.js';

export interface Providers {
  tracerProvider: ReturnType<typeof createTracerProvider>;
  meterProvider: MeterProvider;
  loggerProvider: LoggerProvider;
}

/** The three providers `init` owns, each around Sightline's parts. */
export function buildProviders(parts: SightlineSdkParts, resource: Resource): Providers {
  return {
    tracerProvider: createTracerProvider({ resource, spanProcessors: parts.spanProcessors }),
    meterProvider: new MeterProvider({ resource, readers: parts.metricReaders, views: parts.views }),
    loggerProvider: new LoggerProvider({ resource, processors: parts.logRecordProcessors }),
  };
}

/**
 * Makes the providers, context manager and propagator global, the way an SDK's
 * `start()` does. Called when no SDK holds the tracer or meter provider; a
 * context manager or propagator that something else registered is left in place.
 * `releaseGlobals` later disables exactly what was registered here.
 */
export function registerProviders(
  providers: Providers,
  parts: SightlineSdkParts,
  fileDir: string | undefined,
  registeredAlready: readonly string[],
): Signals {
  const taken = new Set(registeredAlready);
  const registered: (() => void)[] = [];
  if (!taken.has('context') && context.setGlobalContextManager(parts.contextManager.enable())) registered.push(() => context.disable());
  if (!taken.has('propagation') && propagation.setGlobalPropagator(parts.textMapPropagator)) registered.push(() => propagation.disable());
  if (trace.setGlobalTracerProvider(providers.tracerProvider)) registered.push(() => trace.disable());
  if (metrics.setGlobalMeterProvider(providers.meterProvider)) registered.push(() => metrics.disable());
  const logs = logsApi();
  // api-logs answers with the provider now global, API 1.10's logs with a boolean.
  const logsAnswer = logs.setGlobalLoggerProvider(providers.loggerProvider);
  if (logsAnswer === true || logsAnswer === providers.loggerProvider) registered.push(() => logs.disable());
  observeOn(providers.meterProvider);
  return { ...ownedSignals(providers, fileDir), releaseGlobals: () => registered.forEach((disable) => disable()) };
}

/** Providers that stay private: an app's SDK holds the globals, and Sightline still exports what it can. */
export function privateProviders(providers: Providers, fileDir: string | undefined): Signals {
  return { ...ownedSignals(providers, fileDir), releaseGlobals: () => {} };
}

function ownedSignals(providers: Providers, fileDir: string | undefined): Omit<Signals, 'releaseGlobals'> {
  return { traces: providers.tracerProvider, metrics: providers.meterProvider, logs: providers.loggerProvider, owned: true, fileDir };
}
