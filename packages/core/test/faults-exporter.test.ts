import { trace } from '@opentelemetry/api';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace';
import { init, METRICS, recordMetric, semconv } from '@sightline/core';
import { logsApi } from '@sightline/core/instrumentation';
import { readFileSpans } from '../../testing/src/index.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { droppedCount, useFaultSetup } from './support/faults.js';

// pipelines.test.ts covers Sightline's batching processor around an exporter that throws once.
// Here: an OTLP collector that fails every request, and an app's own exporter that throws.

const setup = useFaultSetup('exporter');
let server: Server | undefined;
afterEach(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
  }
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
  return setup.obs!.withTags({ team: 'search' }, () => {
    for (let i = 0; i < spans; i++) trace.getTracer('app').startSpan(`work ${i}`).end();
    recordMetric(METRICS.llmCost, 0.5);
    logsApi().getLogger('app').emit({ body: 'done' });
    return 6 * 7;
  });
}

it('an OTLP collector that answers 400 to every request: the app is unaffected, each signal counted as export_failed, warned once, the file still complete', async () => {
  const { url, paths } = await collector(400);
  setup.obs = init({ exporters: { file: setup.dir, otlp: { url } }, metricExportIntervalMs: 3_600_000, exportDeadlineMs: 2_000 });
  expect(appWork(5)).toBe(42);
  await setup.obs.forceFlush();
  expect(appWork(5)).toBe(42);
  await setup.obs.forceFlush();

  expect(paths).toEqual(expect.arrayContaining(['/v1/traces', '/v1/metrics', '/v1/logs']));
  expect(droppedCount('traces', semconv.REASON_EXPORT_FAILED)).toBe(10);
  expect(droppedCount('logs', semconv.REASON_EXPORT_FAILED)).toBe(2);
  expect(droppedCount('metrics', semconv.REASON_EXPORT_FAILED)).toBeGreaterThan(0);
  const failures = setup.diagLines.filter((line) => line.includes('failed to send'));
  expect(failures.filter((line) => line.includes('send traces'))).toHaveLength(1);
  expect(failures.filter((line) => line.includes('send logs'))).toHaveLength(1);
  expect(failures.filter((line) => line.includes('send metrics'))).toHaveLength(1);
  // The file pipeline is independent of the failing network one.
  expect(readFileSpans(setup.dir)).toHaveLength(10);
  await expect(setup.obs.shutdown()).resolves.toBeUndefined();
  setup.obs = undefined;
});

it("an app exporter that throws, in the SDK's own Simple and Batch processors beside Sightline's: the app is unaffected and Sightline's file gets every span", async () => {
  let calls = 0;
  const throwing: SpanExporter = {
    export() {
      calls++;
      throw new Error('exporter bug');
    },
    shutdown: async () => undefined,
  };
  setup.obs = init({
    exporters: { file: setup.dir },
    metricExportIntervalMs: 3_600_000,
    pipelines: { spanProcessors: [new SimpleSpanProcessor({ exporter: throwing }), new BatchSpanProcessor({ exporter: throwing })] },
  });
  expect(appWork(20)).toBe(42);
  await setup.obs.forceFlush();
  expect(appWork(20)).toBe(42);
  await expect(setup.obs.shutdown()).resolves.toBeUndefined();
  setup.obs = undefined;
  expect(calls).toBeGreaterThan(0);
  expect(readFileSpans(setup.dir)).toHaveLength(40);
});
