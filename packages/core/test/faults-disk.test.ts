import { trace } from '@opentelemetry/api';
import { init, METRICS, recordMetric, semconv } from '@sightline/core';
import { readFileSpans } from '../../testing/src/index.js';
import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { droppedCount, useFaultSetup } from './support/faults.js';

// The disk fails while the app runs (file-exporter.test.ts covers a directory unwritable from the start).
// Root ignores chmod, so the faults are made with paths: /dev/full for a full disk (ENOSPC), a directory
// where the live file was (EISDIR), a regular file where the directory was (ENOTDIR).

const setup = useFaultSetup('disk');

const tracer = () => trace.getTracer('disk-faults');
const traces = () => join(setup.dir, 'traces.jsonl');
const writeWarnings = (signal: string) => setup.diagLines.filter((line) => line.includes(`could not write ${signal}`));

/** Three spans of app work under tags; returns what the app computed. */
function appWork(label: string): string {
  return setup.obs!.withTags({ team: 'search' }, () => {
    for (let i = 0; i < 3; i++) tracer().startSpan(`${label} ${i}`).end();
    return `result of ${label}`;
  });
}

it.runIf(existsSync('/dev/full'))(
  'disk full mid-run (ENOSPC): the app is unaffected, the lost spans are counted, one warning, and writing resumes',
  async () => {
    setup.obs = init({ exporters: { file: setup.dir }, metricExportIntervalMs: 3_600_000 });
    expect(appWork('before')).toBe('result of before');
    await setup.obs.forceFlush();
    expect(readFileSpans(setup.dir)).toHaveLength(3);

    rmSync(traces());
    symlinkSync('/dev/full', traces()); // every append now fails with ENOSPC
    expect(appWork('full')).toBe('result of full');
    await setup.obs.forceFlush();
    expect(appWork('still full')).toBe('result of still full');
    await setup.obs.forceFlush();
    expect(droppedCount('traces', semconv.REASON_WRITE_FAILED)).toBe(6);
    expect(writeWarnings('traces')).toHaveLength(1);
    expect(writeWarnings('traces')[0]).toContain('ENOSPC');

    rmSync(traces()); // space freed
    expect(appWork('after')).toBe('result of after');
    await setup.obs.forceFlush();
    expect(readFileSpans(setup.dir).map((span) => span.name)).toEqual(['after 0', 'after 1', 'after 2']);
    expect(droppedCount('traces', semconv.REASON_WRITE_FAILED)).toBe(6);
  },
);

it('live file replaced by a directory mid-run (EISDIR): the app is unaffected, the lost spans are counted, and shutdown resolves', async () => {
  setup.obs = init({ exporters: { file: setup.dir }, metricExportIntervalMs: 3_600_000 });
  appWork('before');
  await setup.obs.forceFlush();
  rmSync(traces());
  mkdirSync(traces());
  expect(appWork('blocked')).toBe('result of blocked');
  await setup.obs.forceFlush();
  expect(droppedCount('traces', semconv.REASON_WRITE_FAILED)).toBe(3);
  expect(writeWarnings('traces')).toHaveLength(1);
  await expect(setup.obs.shutdown()).resolves.toBeUndefined();
  setup.obs = undefined;
});

it('directory replaced by a regular file mid-run (ENOTDIR), for all three signals: app unaffected, each signal counted and warned once', async () => {
  setup.obs = init({ exporters: { file: setup.dir }, metricExportIntervalMs: 3_600_000 });
  appWork('before');
  await setup.obs.forceFlush();
  renameSync(setup.dir, `${setup.dir}.moved`);
  writeFileSync(setup.dir, 'not a directory');
  try {
    expect(appWork('blocked')).toBe('result of blocked');
    setup.obs.withTags({ team: 'search' }, () => recordMetric(METRICS.llmCost, 0.25));
    await setup.obs.forceFlush();
    await setup.obs.forceFlush();
    expect(droppedCount('traces', semconv.REASON_WRITE_FAILED)).toBe(3);
    expect(droppedCount('metrics', semconv.REASON_WRITE_FAILED)).toBeGreaterThan(0);
    expect(writeWarnings('traces')).toHaveLength(1);
    expect(writeWarnings('metrics')).toHaveLength(1);
  } finally {
    rmSync(setup.dir, { force: true });
    renameSync(`${setup.dir}.moved`, setup.dir);
  }
});

it('writes that keep failing on every metric export interval give one diag line per cause, not one per interval', async () => {
  const blocker = join(setup.dir, 'not-a-directory');
  writeFileSync(blocker, '');
  setup.obs = init({ exporters: { file: join(blocker, '.sightline') }, metricExportIntervalMs: 20 });
  setup.obs.withTags({ team: 'search' }, () => recordMetric(METRICS.llmCost, 0.25));
  expect(appWork('blocked')).toBe('result of blocked');
  await new Promise((resolve) => setTimeout(resolve, 300)); // about 15 metric export intervals
  await setup.obs.forceFlush();
  expect(droppedCount('metrics', semconv.REASON_WRITE_FAILED)).toBeGreaterThan(5);
  // The SDK's metric reader reports each failed export to the global error handler too: it must stay quiet.
  expect(setup.diagLines).toHaveLength(2);
  expect(writeWarnings('traces')).toHaveLength(1);
  expect(writeWarnings('metrics')).toHaveLength(1);
});
