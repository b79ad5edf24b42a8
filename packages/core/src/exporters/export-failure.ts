import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { SightlineLogger } from '../internal/logger.js';
import { METRIC_SIGHTLINE_TELEMETRY_DROPPED } from '../semconv.js';
import { countDropped, type Signal } from '../metrics/dropped.js';

/** Distinct causes warned about per signal and reason; errno codes are few, but error names need not be. */
const MAX_CAUSES = 8;
const causesSeen = new Map<string, Set<string>>();

/** What tells one failure from another: an errno code (ENOSPC, EROFS, ECONNREFUSED) or the error's name. */
function causeOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' || typeof code === 'number') return String(code);
  return error instanceof Error ? error.name : typeof error;
}

/**
 * Counts a lost batch, warns once per distinct cause, and answers the SDK with
 * success: the loss is already accounted for, and the SDK's only reaction to a
 * failed export is to log it again, with a full stack, on every export interval.
 */
export function reportExportFailure(
  log: SightlineLogger,
  signal: Signal,
  reason: string,
  items: number,
  error: unknown,
  message: string,
): ExportResult {
  countDropped(signal, reason, items);
  const key = `${signal}:${reason}`;
  const seen = causesSeen.get(key) ?? new Set<string>();
  causesSeen.set(key, seen);
  const cause = causeOf(error);
  if (seen.has(cause) || seen.size < MAX_CAUSES) {
    seen.add(cause);
    log.warnOnce(`${key}:${cause}`, `${message} (${cause}); further failures are counted in ${METRIC_SIGHTLINE_TELEMETRY_DROPPED}`, error);
  }
  return { code: ExportResultCode.SUCCESS };
}
