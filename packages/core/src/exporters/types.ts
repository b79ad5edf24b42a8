import type { PrometheusEndpointOptions } from './prometheus/index.js';

export interface FileExporterOptions {
  /** Directory for `traces.jsonl`, `metrics.jsonl` and `logs.jsonl`. Default `.sightline`. */
  dir?: string;
  /** Rotate a file once it would grow past this size. Default 16 MiB. */
  maxFileBytes?: number;
  /** How many rotated files to keep beside the live one. Default 5. */
  maxFiles?: number;
}

export interface OtlpExporterOptions {
  /**
   * Base URL of an OTLP/HTTP receiver, e.g. `http://127.0.0.1:4318`. When unset, the standard
   * `OTEL_EXPORTER_OTLP_ENDPOINT` / `OTEL_EXPORTER_OTLP_{TRACES,METRICS,LOGS}_ENDPOINT` apply.
   */
  url?: string;
  headers?: Record<string, string>;
  /**
   * Which signals go over OTLP. Default all three. With the Prometheus endpoint on, leave `metrics`
   * out (`['traces', 'logs']`): the scrape carries exemplars, and sending both counts every series twice.
   */
  signals?: readonly OtlpSignal[];
}

export type OtlpSignal = 'traces' | 'metrics' | 'logs';

export interface ExporterOptions {
  /** The embedded default: OTLP/JSON lines on disk. `true`, a directory, or options. */
  file?: boolean | string | FileExporterOptions;
  /** OTLP over HTTP/JSON to a collector or Grafana Alloy. */
  otlp?: boolean | OtlpExporterOptions;
  /** Human-readable dumps on stdout, for debugging only. */
  console?: boolean;
  /** An OpenMetrics endpoint with exemplars for Prometheus to scrape (127.0.0.1:9464 by default). */
  prometheus?: boolean | PrometheusEndpointOptions;
}
