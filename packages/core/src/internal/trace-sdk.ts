import type { TracerProvider } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace';
import { installedMajor, loadFirst } from './sdk-loader.js';

export interface TracerProviderConfig {
  resource: Resource;
  spanProcessors: SpanProcessor[];
}

export interface OwnedTracerProvider extends TracerProvider {
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

interface TraceSdk {
  /** 3.x: `@opentelemetry/sdk-trace`. */
  TracerProvider?: new (
    config: TracerProviderConfig,
  ) => OwnedTracerProvider;
  /** 2.x: `@opentelemetry/sdk-trace-base`. */
  BasicTracerProvider?: new (
    config: TracerProviderConfig,
  ) => OwnedTracerProvider;
  ConsoleSpanExporter: new () => SpanExporter;
}

let sdk: TraceSdk | undefined;

/** The trace SDK of the line the app runs: the one that matches its `@opentelemetry/core`. */
function traceSdk(): TraceSdk {
  if (sdk !== undefined) return sdk;
  const names =
    installedMajor('@opentelemetry/core') === 2
      ? ['@opentelemetry/sdk-trace-base', '@opentelemetry/sdk-trace']
      : ['@opentelemetry/sdk-trace', '@opentelemetry/sdk-trace-base'];
  sdk = loadFirst<TraceSdk>(names);
  if (sdk === undefined) {
    throw new Error(
      'sightline: init() needs an OpenTelemetry trace SDK: install @opentelemetry/sdk-trace (3.x) or @opentelemetry/sdk-trace-base (2.x)',
    );
  }
  return sdk;
}

export function createTracerProvider(config: TracerProviderConfig): OwnedTracerProvider {
  const { TracerProvider, BasicTracerProvider } = traceSdk();
  const Provider = TracerProvider ?? BasicTracerProvider;
  if (Provider === undefined) throw new Error('sightline: the installed OpenTelemetry trace SDK has no tracer provider');
  return new Provider(config);
}

export function createConsoleSpanExporter(): SpanExporter {
  return new (traceSdk().ConsoleSpanExporter)();
}
