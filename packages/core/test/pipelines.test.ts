import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ExportResultCode } from '@opentelemetry/core';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace';
import {
  init,
  METRICS,
  readInternalCounter,
  recordMetric,
  semconv,
  sightlineMetricsView,
  sightlineSpanProcessor,
  traced,
  withTags,
} from '@sightline/core';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { BatchingSpanProcessor } from '../src/processors/batching-processors.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('records nothing and throws nothing without init', async () => {
  expect(() => recordMetric(METRICS.llmCost, 1)).not.toThrow();
  expect(await traced({ scope: 'x', name: 'y' }, async (span) => span.isRecording())).toBe(false);
  expect(withTags({ team: 'a' }, () => 'ran')).toBe('ran');
});

it('covers apps that run their own providers: sightlineSpanProcessor() plus sightlineMetricsView()', async () => {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new TracerProvider({
    spanProcessors: [sightlineSpanProcessor({ defaultTags: { environment: 'prod' } }), new SimpleSpanProcessor({ exporter: spans })],
  });
  trace.setGlobalTracerProvider(tracerProvider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 60_000 });
  const meterProvider = new MeterProvider({ readers: [reader], views: [sightlineMetricsView()] });
  metrics.setGlobalMeterProvider(meterProvider);
  cleanups.push(async () => {
    await tracerProvider.shutdown();
    await meterProvider.shutdown();
    trace.disable();
    context.disable();
    metrics.disable();
    const { tagSlot } = await import('../src/tags/tag-slot.js');
    tagSlot().tagRuntime = undefined;
  });

  withTags({ team: 'search' }, () => {
    trace.getTracer('own').startSpan('own-sdk span').end();
    recordMetric(METRICS.llmCost, 2);
    metrics.getMeter('other').createCounter('other.requests').add(1);
  });
  const tags = { project: 'untagged', team: 'search', cost_center: 'untagged', feature: 'untagged', environment: 'prod' };
  expect(spans.getFinishedSpans()[0]?.attributes).toEqual(tags);
  await reader.forceFlush();
  const points = metricExporter
    .getMetrics()
    .at(-1)!
    .scopeMetrics.flatMap((scope) => scope.metrics)
    .filter((metric) => ['other.requests', semconv.METRIC_SIGHTLINE_LLM_COST].includes(metric.descriptor.name))
    .map((metric) => [metric.descriptor.name, metric.dataPoints[0]?.attributes]);
  expect(points.sort()).toEqual([
    ['other.requests', tags],
    [semconv.METRIC_SIGHTLINE_LLM_COST, tags],
  ]);
});

it('sends OTLP/HTTP to the endpoint named by OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
  const received: { path: string; body: string }[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', body });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const previous = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(() => {
    if (previous === undefined) delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    else process.env.OTEL_EXPORTER_OTLP_ENDPOINT = previous;
  });

  const obs = init({ serviceName: 'otlp-test', exporters: { file: false, otlp: true } });
  obs.withTags({ team: 'search' }, () => trace.getTracer('otlp').startSpan('sent over otlp').end());
  recordMetric(METRICS.llmCost, 1);
  await obs.shutdown();

  const paths = received.map((request) => request.path).sort();
  expect(paths).toEqual(expect.arrayContaining(['/v1/metrics', '/v1/traces']));
  const traces = received.find((request) => request.path === '/v1/traces')!;
  expect(traces.body).toContain('sent over otlp');
  expect(traces.body).toContain('"team"');

  // Only the chosen signals: metrics left to the Prometheus endpoint.
  received.length = 0;
  const second = init({ serviceName: 'otlp-test', exporters: { file: false, otlp: { signals: ['traces', 'logs'] } } });
  trace.getTracer('otlp').startSpan('traces only').end();
  recordMetric(METRICS.llmCost, 1);
  await second.shutdown();
  expect(received.map((request) => request.path)).toEqual(['/v1/traces']);
});

it('returns from shutdown at the export deadline when the collector never answers', { timeout: 5_000 }, async () => {
  // Accepts every request and never responds: the OTLP exporter alone would wait 10 s per attempt.
  const hanging = createServer(() => undefined);
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise((resolve) => {
        hanging.closeAllConnections();
        hanging.close(resolve);
      }),
  );
  const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
  const obs = init({ serviceName: 'deadline', exporters: { file: false, otlp: { url } }, exportDeadlineMs: 300 });
  trace.getTracer('app').startSpan('never delivered').end();
  const result = await obs.shutdown().then(() => 'returned');
  expect(result).toBe('returned');
});

it('counts a batch as dropped when an exporter throws, and keeps going', async () => {
  let calls = 0;
  const crashing: SpanExporter = {
    export(_spans: ReadableSpan[], done) {
      calls++;
      if (calls === 1) throw new Error('exporter bug');
      done({ code: ExportResultCode.SUCCESS });
    },
    shutdown: async () => undefined,
  };
  const obs = init({ exporters: { file: false }, pipelines: { spanProcessors: [new BatchingSpanProcessor(crashing)] } });
  cleanups.push(() => obs.shutdown());
  const value = obs.withTags({ team: 'a' }, () => {
    trace.getTracer('crash').startSpan('first').end();
    return 'app still fine';
  });
  await obs.forceFlush();
  trace.getTracer('crash').startSpan('second').end();
  await obs.forceFlush();
  expect(value).toBe('app still fine');
  expect(calls).toBe(2);
  expect(
    readInternalCounter(semconv.METRIC_SIGHTLINE_TELEMETRY_DROPPED, {
      [semconv.ATTR_SIGHTLINE_SIGNAL]: 'traces',
      [semconv.ATTR_SIGHTLINE_REASON]: semconv.REASON_EXPORT_THREW,
    }),
  ).toBe(1);
});
