import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ConsoleLogRecordExporter, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { ConsoleMetricExporter, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { createConsoleSpanExporter } from '../internal/trace-sdk.js';
import type { ExporterOptions, FileExporterOptions, OtlpExporterOptions, OtlpSignal } from './types.js';
import { countingLogExporter, countingMetricExporter, countingSpanExporter } from './counting.js';
import { FileLogExporter, FileMetricExporter, FileSpanExporter, type FileTarget } from './file-exporters.js';
import { DEFAULT_FILE_DIR } from './file-layout.js';

const ALL_OTLP_SIGNALS: readonly OtlpSignal[] = ['traces', 'metrics', 'logs'];

const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;
const DEFAULT_MAX_FILES = 5;

export interface SelectedExporters {
  spans: SpanExporter[];
  metrics: PushMetricExporter[];
  logs: LogRecordExporter[];
  /** The directory of the file exporter, when it is on. */
  fileDir: string | undefined;
}

/** Turns `exporters` options into exporter instances. The file exporter is on unless set to `false`. */
export function selectExporters(options: ExporterOptions = {}): SelectedExporters {
  const selected: SelectedExporters = { spans: [], metrics: [], logs: [], fileDir: undefined };
  const file = fileTarget(options.file ?? true);
  if (file) {
    selected.fileDir = file.dir;
    selected.spans.push(new FileSpanExporter(file));
    selected.metrics.push(new FileMetricExporter(file));
    selected.logs.push(new FileLogExporter(file));
  }
  if (options.otlp) {
    const otlp: OtlpExporterOptions = options.otlp === true ? {} : options.otlp;
    const signalUrl = (path: string) => (otlp.url ? `${otlp.url.replace(/\/$/, '')}/v1/${path}` : undefined);
    // Without a url, the exporters read the OTEL_EXPORTER_OTLP_* environment variables themselves.
    const sends = (signal: OtlpSignal) => (otlp.signals ?? ALL_OTLP_SIGNALS).includes(signal);
    if (sends('traces'))
      selected.spans.push(countingSpanExporter(new OTLPTraceExporter({ url: signalUrl('traces'), headers: otlp.headers })));
    if (sends('metrics')) {
      selected.metrics.push(countingMetricExporter(new OTLPMetricExporter({ url: signalUrl('metrics'), headers: otlp.headers })));
    }
    if (sends('logs')) selected.logs.push(countingLogExporter(new OTLPLogExporter({ url: signalUrl('logs'), headers: otlp.headers })));
  }
  if (options.console) {
    selected.spans.push(createConsoleSpanExporter());
    selected.metrics.push(new ConsoleMetricExporter());
    selected.logs.push(new ConsoleLogRecordExporter());
  }
  return selected;
}

function fileTarget(option: boolean | string | FileExporterOptions): FileTarget | undefined {
  if (option === false) return undefined;
  const settings: FileExporterOptions = option === true ? {} : typeof option === 'string' ? { dir: option } : option;
  return {
    dir: settings.dir ?? DEFAULT_FILE_DIR,
    maxFileBytes: settings.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    maxFiles: settings.maxFiles ?? DEFAULT_MAX_FILES,
  };
}
