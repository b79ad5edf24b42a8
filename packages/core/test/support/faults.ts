import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { readInternalCounter, semconv, type Signal } from '@sightline/core';

/** Shared by the faults-*.test.ts files (docs/reliability.md lists them). */

/** Installs a diag logger that keeps every warning and error as one line; `diag.disable()` in afterEach. */
export function captureDiag(): string[] {
  const lines: string[] = [];
  const capture = (...args: unknown[]) => lines.push(args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : String(arg))).join(' '));
  const logger: DiagLogger = { error: capture, warn: capture, info: () => {}, debug: () => {}, verbose: () => {} };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  return lines;
}

/** `sightline.telemetry.dropped{sightline.signal, sightline.reason}` as counted so far in this process. */
export function droppedCount(signal: Signal, reason: string): number {
  return readInternalCounter(semconv.METRIC_SIGHTLINE_TELEMETRY_DROPPED, {
    [semconv.ATTR_SIGHTLINE_SIGNAL]: signal,
    [semconv.ATTR_SIGHTLINE_REASON]: reason,
  });
}
