import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diag, DiagLogLevel, trace, type DiagLogger } from '@opentelemetry/api';
import { init, semconv } from '@sightline/core';
import { decodeAttributes, readFileSpans, readOtlpLines } from '../../testing/src/index.js';
import { afterEach, beforeEach, expect, it } from 'vitest';

let dir: string;
let warnings: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-open-spans-'));
  warnings = [];
  const capture = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  const logger: DiagLogger = { error: capture, warn: capture, info: () => {}, debug: () => {}, verbose: () => {} };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
});
afterEach(() => {
  diag.disable();
  rmSync(dir, { recursive: true, force: true });
});

interface DataPoint {
  asInt?: string | number;
  asDouble?: number;
  attributes: unknown;
}
interface MetricLine {
  resourceMetrics: { scopeMetrics: { metrics: { name: string; sum?: { dataPoints: DataPoint[] } }[] }[] }[];
}

function droppedAtShutdown(): number[] {
  return (readOtlpLines(dir, 'metrics') as MetricLine[])
    .flatMap((line) => line.resourceMetrics.flatMap((resource) => resource.scopeMetrics.flatMap((scope) => scope.metrics)))
    .filter((metric) => metric.name === semconv.METRIC_SIGHTLINE_TELEMETRY_DROPPED)
    .flatMap((metric) => metric.sum?.dataPoints ?? [])
    .filter((point) => decodeAttributes(point.attributes as never)[semconv.ATTR_SIGHTLINE_REASON] === semconv.REASON_OPEN_AT_SHUTDOWN)
    .map((point) => Number(point.asInt ?? point.asDouble));
}

it('counts the spans still open at shutdown and says so once, with the fix', async () => {
  const obs = init({ exporters: { file: dir } });
  const tracer = trace.getTracer('app');
  tracer.startSpan('ended').end();
  tracer.startSpan('forgotten 1');
  tracer.startSpan('forgotten 2');
  await obs.shutdown();

  expect(readFileSpans(dir).map((span) => span.name)).toEqual(['ended']);
  expect(droppedAtShutdown()).toEqual([2]);
  expect(warnings.filter((message) => message.includes('open at shutdown'))).toEqual([
    'sightline/span-processor 2 spans were still open at shutdown and will never be exported; end every span before shutdown() ' +
      `(counted in ${semconv.METRIC_SIGHTLINE_TELEMETRY_DROPPED}{sightline.reason=${semconv.REASON_OPEN_AT_SHUTDOWN}})`,
  ]);
});

it('says nothing when every span ended', async () => {
  const obs = init({ exporters: { file: dir } });
  trace.getTracer('app').startSpan('ended').end();
  await obs.shutdown();
  expect(droppedAtShutdown()).toEqual([]);
  expect(warnings.filter((message) => message.includes('open at shutdown'))).toEqual([]);
});
