import { CliError, EXIT_NO_TELEMETRY, EXIT_USAGE } from '../cli/errors.js';
import { emptyReadStats, forEachJsonLine } from '../read/json-lines.js';
import { forEachLogRecord, forEachSpan } from '../read/otlp.js';
import { kindOfWork } from '../read/layers.js';
import { assertTelemetryDirectory, listSignalFiles, type TelemetryFile } from '../read/telemetry-files.js';
import type { ChartData, Report, ReportOptions } from '../types.js';
import { ReportAggregator } from './aggregator.js';

export const DEFAULT_BY = ['team', 'feature', 'model'] as const;
const DEFAULT_CACHE_WINDOW_MS = 3_600_000;

export interface ReportResult {
  report: Report;
  charts: ChartData | undefined;
}

/**
 * Streams the logs (evaluation scores, which the traces pass joins to model
 * calls) and then the traces of `options.dir` through one aggregator. Memory
 * grows with the number of model calls by a few typed-array slots each, never
 * with the size of the files.
 */
export async function buildReport(options: ReportOptions): Promise<ReportResult> {
  await assertTelemetryDirectory(options.dir);
  const traces = await listSignalFiles(options.dir, 'traces');
  const logs = await listSignalFiles(options.dir, 'logs');
  if (traces.every((file) => file.size === 0)) {
    throw new CliError(`no telemetry in ${options.dir}: no non-empty traces*.jsonl file`, EXIT_NO_TELEMETRY);
  }
  const explicitBy = options.by !== undefined && options.by.length > 0;
  // Defaulted dimensions that the telemetry lacks (a custom tag schema) are dropped quietly.
  const by = explicitBy ? [...new Set(options.by)] : await defaultDimensions(traces);
  const aggregator = new ReportAggregator({
    by,
    sinceMs: options.sinceMs,
    cacheWindowMs: options.cacheWindowMs ?? DEFAULT_CACHE_WINDOW_MS,
    charts: options.charts ?? false,
  });
  const totalBytes = [...traces, ...logs].reduce((sum, file) => sum + file.size, 0);
  const logBytes = logs.reduce((sum, file) => sum + file.size, 0);
  const progress = options.onProgress;
  const stats = emptyReadStats();
  await forEachJsonLine(logs, (line) => forEachLogRecord(line, (record) => aggregator.evaluation(record)), {
    stats,
    onBytes: progress && ((done) => progress(done, totalBytes)),
  });
  await forEachJsonLine(traces, (line) => forEachSpan(line, (span) => aggregator.span(span)), {
    stats,
    onBytes: progress && ((done) => progress(logBytes + done, totalBytes)),
  });

  if (aggregator.modelCalls === 0) {
    const when = options.sinceMs !== undefined ? ` since ${new Date(options.sinceMs).toISOString()}` : '';
    const skipped = stats.skippedLines > 0 ? ` (${stats.skippedLines} corrupt lines skipped)` : '';
    throw new CliError(`no model calls${when} in ${options.dir}: ${aggregator.spans} spans read${skipped}`, EXIT_NO_TELEMETRY);
  }
  const unknown = aggregator.unknownDimensions();
  if (unknown.length > 0) {
    throw new CliError(
      `unknown tag key in --by: ${unknown.join(', ')}. No model call carries it; use a tag key of your schema, model or provider.`,
      EXIT_USAGE,
    );
  }

  const { timeRange, totals, errorsByLayer, groups, untagged, insights } = aggregator.result();
  const report: Report = {
    dir: options.dir,
    generatedAt: new Date().toISOString(),
    since: options.sinceMs !== undefined ? new Date(options.sinceMs).toISOString() : null,
    by,
    input: {
      files: stats.files,
      bytes: stats.bytes,
      lines: stats.lines,
      skippedLines: stats.skippedLines,
      skipped: stats.skipped,
      spans: aggregator.spans,
      requests: totals.requests,
      outsideRequests: aggregator.outsideRequests,
      modelCalls: aggregator.modelCalls,
      evaluations: aggregator.scores.count,
    },
    timeRange,
    totals,
    errorsByLayer,
    groups,
    untagged,
    insights,
  };
  return { report, charts: aggregator.charts?.result() };
}

/** The default `team,feature,model`, less the tag keys the first model call does not carry. */
async function defaultDimensions(traces: readonly TelemetryFile[]): Promise<string[]> {
  let first: Record<string, unknown> | undefined;
  await forEachJsonLine(
    traces,
    (line) =>
      forEachSpan(line, (span) => {
        if (!first && kindOfWork(span.name, span.attributes) === 'model') first = span.attributes;
      }),
    { stats: emptyReadStats(), stopWhen: () => first !== undefined },
  );
  return DEFAULT_BY.filter((key) => key === 'model' || (first !== undefined && key in first));
}
