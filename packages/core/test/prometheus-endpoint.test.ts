import { createServer, type Server } from 'node:net';
import { trace } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { METRICS, recordMetric, startPrometheusEndpoint, type PrometheusEndpoint } from '@sightline/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ExemplarReservoir, MAX_EXEMPLAR_SERIES_PER_METRIC } from '../src/exporters/prometheus/exemplar-reservoir.js';
import { bucketIndex } from '../src/metrics/series.js';
import { globalSlot } from '../src/internal/global-slot.js';

const open: PrometheusEndpoint[] = [];
afterEach(async () => {
  for (const endpoint of open.splice(0)) await endpoint.close();
});

function endpointOn(options: Parameters<typeof startPrometheusEndpoint>[0]) {
  const endpoint = startPrometheusEndpoint(options);
  open.push(endpoint);
  return endpoint;
}

const registeredReservoir = () => (globalSlot() as { exemplarReservoir?: ExemplarReservoir }).exemplarReservoir;

describe('the HTTP endpoint', () => {
  it('binds to 127.0.0.1 by default and serves only GET/HEAD on its path', async () => {
    const endpoint = endpointOn({ port: 0 });
    new MeterProvider({ readers: [endpoint.reader] });
    const url = await endpoint.ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(endpoint.url).toBe(url);
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(url.replace('/metrics', '/other'))).status).toBe(404);
    expect((await fetch(url, { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('answers 500, never crashes, when its reader belongs to no MeterProvider', async () => {
    const url = await endpointOn({ port: 0, path: '/m' }).ready;
    const response = await fetch(url);
    expect({ status: response.status, body: await response.text() }).toEqual({ status: 500, body: 'Collection failed\n' });
  });

  it('rejects `ready` (without an unhandled rejection) when the port is taken, and stops collecting exemplars', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const endpoint = endpointOn({ port });
      await expect(endpoint.ready).rejects.toMatchObject({ code: 'EADDRINUSE' });
      expect(registeredReservoir()).toBeUndefined();
    } finally {
      blocker.close();
    }
  });

  it('closes the server and unregisters the reservoir when the MeterProvider shuts down', async () => {
    const endpoint = endpointOn({ port: 0 });
    const provider = new MeterProvider({ readers: [endpoint.reader] });
    const url = await endpoint.ready;
    expect(registeredReservoir()).toBeDefined();
    await provider.shutdown();
    expect(registeredReservoir()).toBeUndefined();
    await expect(fetch(url)).rejects.toThrow();
    await endpoint.close(); // idempotent
  });
});

describe('the exemplar reservoir', () => {
  const exemplar = (value: number, timeMs = 1) => ({ value, timeMs, traceId: 't'.repeat(32), spanId: 's'.repeat(16) });

  it('places values in `le` buckets: upper bound inclusive', () => {
    expect([0, 0.01, 0.011, 81.92, 100].map((value) => bucketIndex([0.01, 0.02, 81.92], value))).toEqual([0, 0, 1, 2, 3]);
  });

  it('keeps the latest exemplar per bucket of a histogram, and one per counter series', () => {
    const reservoir = new ExemplarReservoir();
    for (let index = 0; index < 500; index++) {
      reservoir.offer(METRICS.modelDuration, 0.015, { a: 1 }, exemplar(0.015, index));
      reservoir.offer(METRICS.modelDuration, 100, { a: 1 }, exemplar(100, index));
      reservoir.offer(METRICS.llmCost, 1, { a: 1 }, exemplar(1, index));
    }
    expect(reservoir.exemplarsOf(METRICS.modelDuration.name, { a: 1 })).toEqual([exemplar(0.015, 499), exemplar(100, 499)]);
    expect(reservoir.exemplarsOf(METRICS.llmCost.name, { a: 1 })).toEqual([exemplar(1, 499)]);
    expect(reservoir.exemplarsOf(METRICS.llmCost.name, { a: 2 })).toEqual([]);
  });

  it('bounds the number of series per metric', () => {
    const reservoir = new ExemplarReservoir();
    for (let index = 0; index <= MAX_EXEMPLAR_SERIES_PER_METRIC; index++) reservoir.offer(METRICS.llmCost, 1, { index }, exemplar(1));
    expect(reservoir.exemplarsOf(METRICS.llmCost.name, { index: MAX_EXEMPLAR_SERIES_PER_METRIC - 1 })).toHaveLength(1);
    expect(reservoir.exemplarsOf(METRICS.llmCost.name, { index: MAX_EXEMPLAR_SERIES_PER_METRIC })).toEqual([]);
  });

  it('is unregistered once every endpoint has closed, so recordMetric stops feeding it', () => {
    expect(registeredReservoir()).toBeUndefined();
    trace.getTracer('t').startActiveSpan('s', (span) => {
      expect(() => recordMetric(METRICS.llmCost, 1)).not.toThrow();
      span.end();
    });
  });
});
