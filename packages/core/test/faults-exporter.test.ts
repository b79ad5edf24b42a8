import { diag, trace } from '@opentelemetry/api';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace';
import { init, METRICS, recordMetric, semconv, type Sightline } from '@sightline/core';
import { logsApi } from '@sightline/core/instrumentation';
import { readFileSpans } from '../../testing/src/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { captureDiag, droppedCount } from './support/faults.js';

// pipelines.test.ts covers Sightline's batching processor around an exporter that throws once.
// Here: an OTLP collector that fails every request, and an app's own exporter that throws.

let dir: string;
let obs: Sightline | undefined;
let server: Server | undefined;
let diagLines: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-exporter-'));
  diagLines = captureDiag();
});
afterEach(async () => {
  await obs?.shutdown();
  obs = undefined;
  diag.disable();
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
  }
  rmSync(dir, { recursive: true, force: true });
});

/** A collector that answers every request with `status`, and remembers the paths. */
async function collector(status: number): Promise<{ url: string; paths: string[] }> {
  const paths: string[] = [];
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      paths.push(request.url ?? '');
      response.writeHead(status, { 'content-type': 'application/json' }).end('{"message":"collector broken"}');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

/** App work that produces spans, a metric and a log record; returns what the app computed. */
function appWork(spans: number): number {
  return obs!.withTags({ team: 'search' }, () => {
    for (let i = 0; i < spans; i++) trace.getTracer('app').startSpan(`work ${i}`).end();
    recordMetric(METRICS.llmCost, 0.5);
    logsApi().getLogger('app').emit({ body: 'done' });
    return 6 * 7;
  });
}

it('an OTLP collector that answers 400 to every request: the app is unaffected, each signal counted as export_failed, warned once, the file still complete', async () => {
  const { url, paths } = await collector(400);
  obs = init({ exporters: { file: dir, otlp: { url } }, metricExportIntervalMs: 3_600_000, exportDeadlineMs: 2_000 });
  expect(appWork(5)).toBe(42);
  await obs.forceFlush();
  expect(appWork(5)).toBe(42);
  await obs.forceFlush();

  expect(paths).toEqual(expect.arrayContaining(['/v1/traces', '/v1/metrics', '/v1/logs']));
  expect(droppedCount('traces', semconv.REASON_EXPORT_FAILED)).toBe(10);
  expect(droppedCount('logs', semconv.REASON_EXPORT_FAILED)).toBe(2);
  expect(droppedCount('metrics', semconv.REASON_EXPORT_FAILED)).toBeGreaterThan(0);
  const failures = diagLines.filter((line) => line.includes('failed to send'));
  expect(failures.filter((line) => line.includes('send traces'))).toHaveLength(1);
  expect(failures.filter((line) => line.includes('send logs'))).toHaveLength(1);
  expect(failures.filter((line) => line.includes('send metrics'))).toHaveLength(1);
  // The file pipeline is independent of the failing network one.
  expect(readFileSpans(dir)).toHaveLength(10);
  await expect(obs.shutdown()).resolves.toBeUndefined();
  obs = undefined;
});

it('an app exporter that throws, in the SDK\'s own Simple and Batch processors beside Sightline\'s: the app is unaffected and Sightline\'s file gets every span', async () => {
  let calls = 0;
  const throwing: SpanExporter = {
    export() {
      calls++;
      throw new Error('exporter bug');
    },
    shutdown: async () => undefined,
  };
  obs = init({
    exporters: { file: dir },
    metricExportIntervalMs: 3_600_000,
    pipelines: { spanProcessors: [new SimpleSpanProcessor({ exporter: throwing }), new BatchSpanProcessor(throwing)] },
  });
  expect(appWork(20)).toBe(42);
  await obs.forceFlush();
  expect(appWork(20)).toBe(42);
  await expect(obs.shutdown()).resolves.toBeUndefined();
  obs = undefined;
  expect(calls).toBeGreaterThan(0);
  expect(readFileSpans(dir)).toHaveLength(40);
});
