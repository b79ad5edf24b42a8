export { runCli } from './cli/run.js';
export {
  EXIT_OK,
  EXIT_INTERNAL,
  EXIT_USAGE,
  EXIT_NO_DIRECTORY,
  EXIT_NO_TELEMETRY,
  EXIT_TRACE_NOT_FOUND,
  CliError,
} from './cli/errors.js';
export { buildReport, type ReportResult } from './report/build-report.js';
export { formatReport } from './report/format-report.js';
export { diagnoseTrace, type DiagnoseOptions } from './diagnose/build-diagnosis.js';
export { formatDiagnosis } from './diagnose/format-diagnosis.js';
export { renderHtml } from './html/render-html.js';
export type {
  ChartData,
  CliIo,
  CostDriver,
  DiagnosedSpan,
  Diagnosis,
  ErrorLayer,
  GroupRow,
  LayerErrors,
  LayerTime,
  PromptRatioInsight,
  RedundantCallsInsight,
  Report,
  ReportOptions,
  RightSizingSuggestion,
  SkippedLineInfo,
  TimeSeriesData,
  UsageSummary,
} from './types.js';
