// The incoming-tags policy on a real HTTP server: @opentelemetry/instrumentation-http
// extracts the request's context through the global propagator that init registers.
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { metrics, SpanKind, trace, type Attributes } from '@opentelemetry/api';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { METRICS, recordMetric, semconv, type InitOptions } from '@sightline/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rejectedFromPeers, useIncomingTagsSession } from './support/incoming-tags.js';

// instrumentation-http hooks `require`: `http` must be required after it is constructed.
const instrumentation = new HttpInstrumentation();
const http = createRequire(import.meta.url)('node:http') as typeof import('node:http');

const UNTAGGED = semconv.UNTAGGED_VALUE;
const schema = z.object({ team: z.string(), feature: z.string() });
const HTTP_GET_200 = {
  'http.request.method': 'GET',
  'url.scheme': 'http',
  'network.protocol.version': '1.1',
  'http.response.status_code': 200,
};

let server: Server;
let port: number;
beforeAll(async () => {
  server = http.createServer((_request, response) => {
    // What the app does per request: its own span, and a metric record, under the request's context.
    trace.getTracer('app').startSpan('handler').end();
    recordMetric(METRICS.llmCost, 0.25, { [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'm' });
    response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  instrumentation.disable();
  await new Promise((resolve) => server.close(resolve));
});

const session = useIncomingTagsSession(schema);
function start(options: Pick<InitOptions<typeof schema>, 'incomingTags'> = {}) {
  const setup = session.start(options);
  // Each init registers fresh global providers; the instrumentation keeps the ones it was given.
  instrumentation.setTracerProvider(trace.getTracerProvider());
  instrumentation.setMeterProvider(metrics.getMeterProvider());
  return setup;
}

/** A client anyone could run: fetch is not instrumented here, so the baggage header is exactly this. */
async function request(baggage: string): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/bill`, { headers: { baggage } });
  await response.text();
}

/** The server span's attributes that are not HTTP semconv: exactly the stamped tags. */
function tagAttributes(attributes: Attributes): Attributes {
  const http = /^(http|net|url|server|client|network|user_agent)\./;
  return Object.fromEntries(Object.entries(attributes).filter(([key]) => !http.test(key)));
}

async function observed(setup: ReturnType<typeof start>) {
  const spans = setup.spans();
  const serverSpan = spans.find((span) => span.kind === SpanKind.SERVER)!;
  const handler = spans.find((span) => span.name === 'handler')!;
  expect(handler.parentSpanContext?.spanId).toBe(serverSpan.spanContext().spanId);
  const cost = await setup.points(semconv.METRIC_SIGHTLINE_LLM_COST);
  // instrumentation-http's own metric gets the tags through sightlineMetricsView.
  const duration = await setup.points('http.server.request.duration');
  return {
    server: tagAttributes(serverSpan.attributes),
    handler: handler.attributes,
    cost: cost.map((point) => point.attributes),
    duration: duration.map((point) => point.attributes),
  };
}

describe('baggage on a real HTTP server (instrumentation-http)', () => {
  it("incomingTags ['feature']: a client's team=finance reaches neither the spans nor the metric series, and is counted", async () => {
    const setup = start({ incomingTags: ['feature'] });
    await request('team=finance,feature=faq');
    const tags = { team: UNTAGGED, feature: 'faq' };
    expect(await observed(setup)).toEqual({
      server: tags,
      handler: tags,
      cost: [{ [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'm', ...tags }],
      duration: [{ ...HTTP_GET_200, ...tags }],
    });
    expect(rejectedFromPeers(semconv.REASON_NOT_ACCEPTED, 'team')).toBe(1);
    expect(session.implicitWarnings()).toEqual([]);
  });

  it('no policy: the tags are accepted as before, with one warning for the process', async () => {
    const setup = start();
    await request('team=finance,feature=faq');
    await request('team=search');
    const { server, handler, duration } = await observed(setup);
    expect({ server, handler, duration }).toEqual({
      server: { team: 'finance', feature: 'faq' },
      handler: { team: 'finance', feature: 'faq' },
      duration: [
        { ...HTTP_GET_200, team: 'finance', feature: 'faq' },
        { ...HTTP_GET_200, team: 'search', feature: UNTAGGED },
      ],
    });
    expect(session.implicitWarnings()).toHaveLength(1);
  });
});
