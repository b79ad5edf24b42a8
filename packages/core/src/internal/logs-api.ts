import * as api from '@opentelemetry/api';
import { installedMajor, loadFirst } from './sdk-loader.js';

/** The part of the logs API Sightline uses; the same on `@opentelemetry/api-logs` and API 1.10's `logs`. */
export interface LogsApi {
  getLogger(name: string, version?: string): { emit(record: Record<string, unknown>): void };
  setGlobalLoggerProvider(provider: unknown): unknown;
  disable(): void;
}

let chosen: LogsApi | undefined;

/**
 * SDK 3's logs SDK registers with the logs API inside `@opentelemetry/api` 1.10;
 * SDK 2's with `@opentelemetry/api-logs`. Sightline must use the registry the
 * app's logger provider lives in, so it follows the installed `sdk-logs` line.
 */
export function logsApi(): LogsApi {
  if (chosen !== undefined) return chosen;
  const builtIn = (api as { logs?: LogsApi }).logs;
  const sdkMajor = installedMajor('@opentelemetry/sdk-logs') ?? 0;
  if (builtIn !== undefined && sdkMajor >= 3) return (chosen = builtIn);
  chosen = loadFirst<{ logs: LogsApi }>(['@opentelemetry/api-logs'])?.logs ?? builtIn;
  if (chosen === undefined)
    throw new Error('sightline: no OpenTelemetry logs API: install @opentelemetry/api-logs (SDK 2.x) or @opentelemetry/api 1.10 (SDK 3.x)');
  return chosen;
}

/** OpenTelemetry's severity numbers (the log data model), the same on both lines. */
export const SEVERITY = { INFO: 9, WARN: 13, ERROR: 17 } as const;
