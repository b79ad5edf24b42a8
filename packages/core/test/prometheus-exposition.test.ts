import { context, trace, TraceFlags } from '@opentelemetry/api';
import { METRICS, recordMetric, semconv, startPrometheusEndpoint, type PrometheusEndpoint } from '@sightline/core';
import { setupTestTelemetry, type TestTelemetry } from '../../testing/src/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { OPENMETRICS_CONTENT_TYPE, CLASSIC_CONTENT_TYPE } from '../src/exporters/prometheus/negotiate.js';

const PROMETHEUS_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
const MODEL = { [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-4o' };
const LABELS = 'cost_center="untagged",environment="prod",feature="faq",gen_ai_request_model="gpt-4o",project="untagged",team="search"';
const TIMESTAMP = /^\d{10}\.\d{3}$/;

let endpoint: PrometheusEndpoint | undefined;
let telemetry: TestTelemetry<never> | undefined;
afterEach(async () => {
  await telemetry?.shutdown();
  await endpoint?.close();
  telemetry = undefined;
  endpoint = undefined;
});

async function start() {
  endpoint = startPrometheusEndpoint({ port: 0 });
  const setup = setupTestTelemetry({ defaultTags: { environment: 'prod' }, pipelines: { metricReaders: [endpoint.reader] } });
  telemetry = setup as unknown as TestTelemetry<never>;
  return { ...setup, url: await endpoint.ready };
}

async function scrape(url: string, accept?: string) {
  const response = await fetch(url, { headers: accept === undefined ? {} : { accept } });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

/** The lines of one family: from its `# TYPE` line to the next family's. */
function family(body: string, name: string): string[] {
  const lines = body.trimEnd().split('\n');
  const start = lines.findIndex((line) => line.startsWith(`# TYPE ${name} `));
  if (start === -1) return [];
  const end = lines.findIndex((line, index) => index > start && line.startsWith('# ') && !line.includes(` ${name} `));
  return lines.slice(start, end === -1 ? lines.length : end).filter((line) => line !== '# EOF');
}

/** Replaces each exemplar's timestamp (checked to be epoch seconds with ms) by `<ts>`. */
function withoutTimestamps(lines: string[]): string[] {
  return lines.map((line) =>
    line.replace(/ (\S+)$/, (match, last: string) => (line.includes(' # {') && TIMESTAMP.test(last) ? ' <ts>' : match)),
  );
}

describe('OpenMetrics, for a scraper that asks for it', () => {
  it('serves counters and histograms with exemplars of the recording span, and ends with # EOF', async () => {
    const { obs, url, spans } = await start();
    const tracer = trace.getTracer('test');
    obs.withTags({ team: 'search', feature: 'faq' }, () => {
      tracer.startActiveSpan('chat gpt-4o', (span) => {
        recordMetric(METRICS.llmCost, 0.25, MODEL);
        recordMetric(METRICS.modelDuration, 0.5, MODEL);
        span.end();
      });
      tracer.startActiveSpan('chat gpt-4o', (span) => {
        recordMetric(METRICS.llmCost, 0.5, MODEL);
        recordMetric(METRICS.modelDuration, 3, MODEL);
        span.end();
      });
    });
    const [first, second] = spans().map((span) => span.spanContext());
    const exemplar = (ids: typeof first, value: number) => ` # {trace_id="${ids!.traceId}",span_id="${ids!.spanId}"} ${value} <ts>`;

    const { status, type, body } = await scrape(url, PROMETHEUS_ACCEPT);
    expect({ status, type }).toEqual({ status: 200, type: OPENMETRICS_CONTENT_TYPE });
    expect(body.endsWith('\n# EOF\n')).toBe(true);
    expect(withoutTimestamps(family(body, 'sightline_llm_cost_USD'))).toEqual([
      '# TYPE sightline_llm_cost_USD counter',
      '# HELP sightline_llm_cost_USD Cost of model calls in US dollars',
      `sightline_llm_cost_USD_total{${LABELS}} 0.75${exemplar(second, 0.5)}`,
    ]);
    const buckets = semconv.DURATION_BUCKETS_SECONDS.map((bound) => {
      const count = (bound >= 0.5 ? 1 : 0) + (bound >= 3 ? 1 : 0);
      const le = Number.isInteger(bound) ? `${bound}.0` : String(bound);
      const suffix = bound === 0.64 ? exemplar(first, 0.5) : bound === 5.12 ? exemplar(second, 3) : '';
      return `gen_ai_client_operation_duration_seconds_bucket{${LABELS},le="${le}"} ${count}${suffix}`;
    });
    expect(withoutTimestamps(family(body, 'gen_ai_client_operation_duration_seconds'))).toEqual([
      '# TYPE gen_ai_client_operation_duration_seconds histogram',
      '# HELP gen_ai_client_operation_duration_seconds Duration of model calls',
      ...buckets,
      `gen_ai_client_operation_duration_seconds_bucket{${LABELS},le="+Inf"} 2`,
      `gen_ai_client_operation_duration_seconds_sum{${LABELS}} 3.5`,
      `gen_ai_client_operation_duration_seconds_count{${LABELS}} 2`,
    ]);
    // Core's own counters are in the same exposition, with OpenMetrics' family name (no _total).
    expect(family(body, 'sightline_tags_untagged')[0]).toBe('# TYPE sightline_tags_untagged counter');
    expect(body).toMatch(/^# TYPE target info\n# HELP target Target metadata\ntarget_info\{.*service_name="sightline-test".*\} 1$/m);
  });

  it('keeps no exemplar for records outside a span or in an unsampled one', async () => {
    const { obs, url } = await start();
    const unsampled = trace.wrapSpanContext({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: TraceFlags.NONE });
    obs.withTags({ team: 'search', feature: 'faq' }, () => {
      recordMetric(METRICS.llmCost, 1, MODEL);
      context.with(trace.setSpan(context.active(), unsampled), () => recordMetric(METRICS.llmCost, 2, MODEL));
    });
    const { body } = await scrape(url, PROMETHEUS_ACCEPT);
    expect(family(body, 'sightline_llm_cost_USD')).toEqual([
      '# TYPE sightline_llm_cost_USD counter',
      '# HELP sightline_llm_cost_USD Cost of model calls in US dollars',
      `sightline_llm_cost_USD_total{${LABELS}} 3`,
    ]);
  });

  it('escapes label values and keeps one exemplar per bucket however many records arrive', async () => {
    const { url } = await start();
    const tracer = trace.getTracer('test');
    let lastSpanId = '';
    tracer.startActiveSpan('many', (span) => {
      lastSpanId = span.spanContext().spanId;
      for (let index = 0; index < 1000; index++)
        recordMetric(METRICS.modelDuration, 0.015, { [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'a"b\\c\nd' });
      span.end();
    });
    const { body } = await scrape(url, PROMETHEUS_ACCEPT);
    const lines = family(body, 'gen_ai_client_operation_duration_seconds').filter((line) => line.includes(' # {'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('gen_ai_request_model="a\\"b\\\\c\\nd"');
    expect(lines[0]).toMatch(new RegExp(`le="0.02"} 1000 # \\{trace_id="[0-9a-f]{32}",span_id="${lastSpanId}"\\} 0.015 \\d+\\.\\d{3}$`));
  });
});

describe('classic Prometheus text, for everyone else', () => {
  it('names counters with _total, puts HELP first, and carries no exemplars and no # EOF', async () => {
    const { obs, url } = await start();
    obs.withTags({ team: 'search', feature: 'faq' }, () =>
      trace.getTracer('test').startActiveSpan('chat', (span) => {
        recordMetric(METRICS.llmCost, 0.25, MODEL);
        recordMetric(METRICS.modelDuration, 1, MODEL);
        span.end();
      }),
    );
    for (const accept of [undefined, 'text/plain;version=0.0.4']) {
      const { status, type, body } = await scrape(url, accept);
      expect({ status, type }).toEqual({ status: 200, type: CLASSIC_CONTENT_TYPE });
      expect(body).not.toContain('# EOF');
      expect(body).not.toContain(' # {');
      expect(family(body, 'sightline_llm_cost_USD_total')).toEqual([
        '# TYPE sightline_llm_cost_USD_total counter',
        `sightline_llm_cost_USD_total{${LABELS}} 0.25`,
      ]);
      expect(body).toContain(
        '# HELP sightline_llm_cost_USD_total Cost of model calls in US dollars\n# TYPE sightline_llm_cost_USD_total counter\n',
      );
      expect(body).toContain(`gen_ai_client_operation_duration_seconds_bucket{${LABELS},le="1.28"} 1\n`);
      expect(body).toContain(`gen_ai_client_operation_duration_seconds_bucket{${LABELS},le="0.64"} 0\n`);
    }
  });
});
