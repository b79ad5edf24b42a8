import { SpanKind, trace } from '@opentelemetry/api';
import { init, METRICS, readInternalCounter, recordMetric, semconv, type Sightline } from '@sightline/core';
import { logsApi } from '@sightline/core/instrumentation';
import { readFileSpans, readOtlpLines } from '../../testing/src/index.js';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';

let dir: string;
let obs: Sightline | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-file-'));
});
afterEach(async () => {
  await obs?.shutdown();
  obs = undefined;
  rmSync(dir, { recursive: true, force: true });
});

it('writes valid OTLP/JSON export requests that read back with ids, parents and attributes intact', async () => {
  obs = init({ serviceName: 'file-test', serviceVersion: '1.2.3', exporters: { file: dir } });
  const tracer = trace.getTracer('file-test');
  const ids = obs.withTags({ team: 'search' }, () =>
    tracer.startActiveSpan('parent', { kind: SpanKind.SERVER }, (parent) => {
      const child = tracer.startSpan('child', { attributes: { 'app.n': 7, 'app.ok': true } });
      child.end();
      parent.end();
      return { parent: parent.spanContext(), child: child.spanContext() };
    }),
  );
  obs.withTags({ team: 'search' }, () => recordMetric(METRICS.llmCost, 0.5));
  logsApi()
    .getLogger('file-test')
    .emit({ body: 'hello', attributes: { 'app.kind': 'greeting' } });
  await obs.shutdown();

  for (const signal of ['traces', 'metrics', 'logs'] as const) {
    const lines = readOtlpLines(dir, signal);
    expect(lines.length).toBeGreaterThan(0);
    const top = { traces: 'resourceSpans', metrics: 'resourceMetrics', logs: 'resourceLogs' }[signal];
    for (const line of lines) expect(Array.isArray((line as Record<string, unknown>)[top])).toBe(true);
  }
  const spans = readFileSpans(dir);
  const child = spans.find((span) => span.name === 'child');
  const parent = spans.find((span) => span.name === 'parent');
  expect(parent).toMatchObject({ traceId: ids.parent.traceId, spanId: ids.parent.spanId, parentSpanId: undefined, kind: 2 });
  expect(child).toMatchObject({ traceId: ids.child.traceId, spanId: ids.child.spanId, parentSpanId: ids.parent.spanId });
  expect(child?.attributes).toEqual({
    'app.n': 7,
    'app.ok': true,
    project: 'untagged',
    team: 'search',
    cost_center: 'untagged',
    feature: 'untagged',
    environment: 'untagged',
  });
  expect(child?.resource).toMatchObject({ [semconv.ATTR_SERVICE_NAME]: 'file-test', [semconv.ATTR_SERVICE_VERSION]: '1.2.3' });
});

it('rotates by size and keeps the configured number of files', async () => {
  obs = init({ exporters: { file: { dir, maxFileBytes: 16_384, maxFiles: 3 } } });
  const tracer = trace.getTracer('rotation');
  for (let batch = 0; batch < 20; batch++) {
    for (let i = 0; i < 5; i++) tracer.startSpan(`span-${batch}-${i}`, { attributes: { pad: 'x'.repeat(200) } }).end();
    await obs.forceFlush();
  }
  await obs.shutdown();
  const traceFiles = readdirSync(dir)
    .filter((name) => name.startsWith('traces'))
    .sort();
  expect(traceFiles).toEqual(['traces.1.jsonl', 'traces.2.jsonl', 'traces.3.jsonl', 'traces.jsonl']);
  for (const name of traceFiles.filter((file) => file !== 'traces.jsonl')) {
    expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(16_384);
  }
  const kept = readFileSpans(dir).map((span) => span.name);
  expect(kept.at(-1)).toBe('span-19-4');
  expect(kept.length).toBeLessThan(100);
  expect(kept.length).toBeGreaterThan(20);
});

it('loses nothing on shutdown: 10,000 spans created, shutdown() once, 10,000 on disk', async () => {
  obs = init({ exporters: { file: dir } });
  const tracer = trace.getTracer('bulk');
  for (let i = 0; i < 10_000; i++) tracer.startSpan(`bulk-${i}`).end();
  await obs.shutdown();
  const names = new Set(readFileSpans(dir).map((span) => span.name));
  expect(names.size).toBe(10_000);
});

it('recreates the directory when it is removed while the app runs, and loses nothing after that', async () => {
  // No periodic metric export: one landing mid-rmSync would make the removal itself fail.
  obs = init({ exporters: { file: dir }, metricExportIntervalMs: 3_600_000 });
  const tracer = trace.getTracer('cleanup');
  tracer.startSpan('before').end();
  await obs.forceFlush();
  rmSync(dir, { recursive: true, force: true });
  tracer.startSpan('after').end();
  await obs.forceFlush();
  expect(readFileSpans(dir).map((span) => span.name)).toEqual(['after']);
  expect(
    readInternalCounter(semconv.METRIC_SIGHTLINE_TELEMETRY_DROPPED, {
      [semconv.ATTR_SIGHTLINE_SIGNAL]: 'traces',
      [semconv.ATTR_SIGHTLINE_REASON]: semconv.REASON_WRITE_FAILED,
    }),
  ).toBe(0);
});

it('lets the app finish normally when the export directory cannot be written, and counts the drops', async () => {
  const blocker = join(dir, 'not-a-directory');
  writeFileSync(blocker, '');
  // A path under a regular file cannot be created, even by root (chmod would not stop root in CI).
  obs = init({ exporters: { file: join(blocker, '.sightline') } });
  const result = obs.withTags({ team: 'search' }, () => {
    trace.getTracer('ro').startSpan('work').end();
    return 'app result';
  });
  expect(result).toBe('app result');
  await obs.forceFlush();
  const dropped = readInternalCounter(semconv.METRIC_SIGHTLINE_TELEMETRY_DROPPED, {
    [semconv.ATTR_SIGHTLINE_SIGNAL]: 'traces',
    [semconv.ATTR_SIGHTLINE_REASON]: semconv.REASON_WRITE_FAILED,
  });
  expect(dropped).toBe(1);
  await expect(obs.shutdown()).resolves.toBeUndefined();
});
