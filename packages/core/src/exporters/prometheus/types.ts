import type { MetricReader } from '@opentelemetry/sdk-metrics';

export interface PrometheusEndpointOptions {
  /** TCP port. Default 9464 (the OpenTelemetry Prometheus exporter's). `0` picks a free one: read it from `ready`. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`: exposing metrics beyond the host is an explicit choice. */
  host?: string;
  /** Default `/metrics`. */
  path?: string;
}

export interface PrometheusEndpoint {
  /** Pass it to the MeterProvider's `readers` (or `init({ pipelines: { metricReaders: [reader] } })`). */
  readonly reader: MetricReader;
  /** `http://host:port/path`; the real port once `ready` has resolved. */
  readonly url: string;
  /** Resolves with `url` once the server listens; rejects (never unhandled) when it cannot bind. */
  readonly ready: Promise<string>;
  /** Stops the server and stops collecting exemplars. Shutting the MeterProvider down does the same. */
  close(): Promise<void>;
}
