import { diag, trace } from '@opentelemetry/api';
import { init, METRICS, recordMetric, semconv, type Sightline } from '@sightline/core';
import { readFileSpans } from '../../testing/src/index.js';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { captureDiag, droppedCount } from './support/faults.js';

// The disk fails while the app runs (file-exporter.test.ts covers a directory unwritable from the start).
// Root ignores chmod, so the faults are made with paths: /dev/full for a full disk (ENOSPC), a directory
// where the live file was (EISDIR), a regular file where the directory was (ENOTDIR).

let dir: string;
let obs: Sightline | undefined;
let diagLines: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-disk-'));
  diagLines = captureDiag();
});
afterEach(async () => {
  await obs?.shutdown();
  obs = undefined;
  diag.disable();
  rmSync(dir, { recursive: true, force: true });
});

const tracer = () => trace.getTracer('disk-faults');
const traces = () => join(dir, 'traces.jsonl');
const writeWarnings = (signal: string) => diagLines.filter((line) => line.includes(`could not write ${signal}`));

/** Three spans of app work under tags; returns what the app computed. */
function appWork(label: string): string {
  return obs!.withTags({ team: 'search' }, () => {
    for (let i = 0; i < 3; i++) tracer().startSpan(`${label} ${i}`).end();
    return `result of ${label}`;
  });
}

it.runIf(existsSync('/dev/full'))('disk full mid-run (ENOSPC): the app is unaffected, the lost spans are counted, one warning, and writing resumes', async () => {
  obs = init({ exporters: { file: dir }, metricExportIntervalMs: 3_600_000 });
  expect(appWork('before')).toBe('result of before');
  await obs.forceFlush();
  expect(readFileSpans(dir)).toHaveLength(3);

  rmSync(traces());
  symlinkSync('/dev/full', traces()); // every append now fails with ENOSPC
  expect(appWork('full')).toBe('result of full');
  await obs.forceFlush();
  expect(appWork('still full')).toBe('result of still full');
  await obs.forceFlush();
  expect(droppedCount('traces', semconv.REASON_WRITE_FAILED)).toBe(6);
  expect(writeWarnings('traces')).toHaveLength(1);
  expect(writeWarnings('traces')[0]).toContain('ENOSPC');

  rmSync(traces()); // space freed
  expect(appWork('after')).toBe('result of after');
  await obs.forceFlush();
  expect(readFileSpans(dir).map((span) => span.name)).toEqual(['after 0', 'after 1', 'after 2']);
  expect(droppedCount('traces', semconv.REASON_WRITE_FAILED)).toBe(6);
});

it('live file replaced by a directory mid-run (EISDIR): the app is unaffected, the lost spans are counted, and shutdown resolves', async () => {
  obs = init({ exporters: { file: dir }, metricExportIntervalMs: 3_600_000 });
  appWork('before');
  await obs.forceFlush();
  rmSync(traces());
  mkdirSync(traces());
  expect(appWork('blocked')).toBe('result of blocked');
  await obs.forceFlush();
  expect(droppedCount('traces', semconv.REASON_WRITE_FAILED)).toBe(3);
  expect(writeWarnings('traces')).toHaveLength(1);
  await expect(obs.shutdown()).resolves.toBeUndefined();
  obs = undefined;
});

it('directory replaced by a regular file mid-run (ENOTDIR), for all three signals: app unaffected, each signal counted and warned once', async () => {
  obs = init({ exporters: { file: dir }, metricExportIntervalMs: 3_600_000 });
  appWork('before');
  await obs.forceFlush();
  renameSync(dir, `${dir}.moved`);
  writeFileSync(dir, 'not a directory');
  try {
    expect(appWork('blocked')).toBe('result of blocked');
    obs.withTags({ team: 'search' }, () => recordMetric(METRICS.llmCost, 0.25));
    await obs.forceFlush();
    await obs.forceFlush();
    expect(droppedCount('traces', semconv.REASON_WRITE_FAILED)).toBe(3);
    expect(droppedCount('metrics', semconv.REASON_WRITE_FAILED)).toBeGreaterThan(0);
    expect(writeWarnings('traces')).toHaveLength(1);
    expect(writeWarnings('metrics')).toHaveLength(1);
  } finally {
    rmSync(dir, { force: true });
    renameSync(`${dir}.moved`, dir);
  }
});

it('writes that keep failing on every metric export interval give one diag line per cause, not one per interval', async () => {
  const blocker = join(dir, 'not-a-directory');
  writeFileSync(blocker, '');
  obs = init({ exporters: { file: join(blocker, '.sightline') }, metricExportIntervalMs: 20 });
  obs.withTags({ team: 'search' }, () => recordMetric(METRICS.llmCost, 0.25));
  expect(appWork('blocked')).toBe('result of blocked');
  await new Promise((resolve) => setTimeout(resolve, 300)); // about 15 metric export intervals
  await obs.forceFlush();
  expect(droppedCount('metrics', semconv.REASON_WRITE_FAILED)).toBeGreaterThan(5);
  // The SDK's metric reader reports each failed export to the global error handler too: it must stay quiet.
  expect(diagLines).toHaveLength(2);
  expect(writeWarnings('traces')).toHaveLength(1);
  expect(writeWarnings('metrics')).toHaveLength(1);
});
