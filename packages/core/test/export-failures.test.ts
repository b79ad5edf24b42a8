// Writes that keep failing: one warning per cause, then only counts; the SDK logs nothing per interval.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diag, DiagLogLevel, trace, type DiagLogger } from '@opentelemetry/api';
import { init, readInternalCounter, semconv } from '@sightline/core';
import { afterEach, beforeEach, expect, it } from 'vitest';

let dir: string;
let messages: { level: string; text: string }[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-export-failures-'));
  messages = [];
  const capture =
    (level: string) =>
    (...args: unknown[]) =>
      messages.push({ level, text: args.map(String).join(' ') });
  const logger: DiagLogger = { error: capture('error'), warn: capture('warn'), info: () => {}, debug: () => {}, verbose: () => {} };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
});
afterEach(() => {
  diag.disable();
  rmSync(dir, { recursive: true, force: true });
});

it('warns once per signal and cause while every write fails, and counts every lost item', async () => {
  const blocker = join(dir, 'not-a-directory');
  writeFileSync(blocker, '');
  const obs = init({ exporters: { file: join(blocker, '.sightline') }, metricExportIntervalMs: 40 });
  const tracer = trace.getTracer('app');
  for (let round = 0; round < 5; round++) {
    expect(obs.withTags({ team: 'search' }, () => (tracer.startSpan('work').end(), 'app result'))).toBe('app result');
    await obs.forceFlush();
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
  const dropped = (signal: string) =>
    readInternalCounter(semconv.METRIC_SIGHTLINE_TELEMETRY_DROPPED, {
      [semconv.ATTR_SIGHTLINE_SIGNAL]: signal,
      [semconv.ATTR_SIGHTLINE_REASON]: semconv.REASON_WRITE_FAILED,
    });
  expect(dropped('traces')).toBe(5);
  expect(dropped('metrics')).toBeGreaterThan(5);
  await obs.shutdown();

  expect(messages.filter((message) => message.level === 'error')).toEqual([]);
  const warned = messages.map((message) => message.text.split(';')[0]);
  expect(warned.sort()).toEqual([
    `sightline/file-exporter could not write metrics to ${join(blocker, '.sightline', 'metrics.jsonl')}`,
    `sightline/file-exporter could not write traces to ${join(blocker, '.sightline', 'traces.jsonl')}`,
  ]);
  expect(messages[0]?.text).toContain(`(ENOTDIR); further failures are counted in ${semconv.METRIC_SIGHTLINE_TELEMETRY_DROPPED}`);
});
