import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { readInternalCounter, semconv, type Sightline, type Signal } from '@sightline/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** Shared by the faults-*.test.ts files (docs/reliability.md lists them). */

/** Installs a diag logger that keeps every warning and error as one line; `diag.disable()` in afterEach. */
export function captureDiag(): string[] {
  const lines: string[] = [];
  const capture = (...args: unknown[]) =>
    lines.push(args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : String(arg))).join(' '));
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

export interface FaultSetup {
  /** A fresh temporary directory per test, removed after it. */
  readonly dir: string;
  /** Every diag warning and error of the test so far. */
  readonly diagLines: string[];
  /** Set it to the test's instance: it is shut down after the test, unless the test cleared it. */
  obs: Sightline | undefined;
}

/** Call at the top of a test file: a temporary directory, captured diag lines, and the instance shut down after each test. */
export function useFaultSetup(prefix: string): FaultSetup {
  let dir = '';
  let diagLines: string[] = [];
  const setup: FaultSetup = {
    get dir() {
      return dir;
    },
    get diagLines() {
      return diagLines;
    },
    obs: undefined,
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), `sightline-${prefix}-`));
    diagLines = captureDiag();
  });
  afterEach(async () => {
    await setup.obs?.shutdown();
    setup.obs = undefined;
    diag.disable();
    rmSync(dir, { recursive: true, force: true });
  });
  return setup;
}
