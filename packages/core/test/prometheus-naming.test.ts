import { describe, expect, it } from 'vitest';
import { METRICS, semconv } from '@sightline/core';
import { prometheusFamilyName, prometheusLabelName } from '../src/exporters/prometheus/naming.js';
import { negotiateFormat } from '../src/exporters/prometheus/negotiate.js';

describe('OTel → Prometheus names', () => {
  it.each([
    // name, unit, kind, family name
    [METRICS.modelDuration.name, 's', 'histogram', 'gen_ai_client_operation_duration_seconds'],
    [METRICS.tokenUsage.name, '{token}', 'histogram', 'gen_ai_client_token_usage'],
    [METRICS.llmCost.name, 'USD', 'counter', 'sightline_llm_cost_USD'],
    [METRICS.evalScore.name, '1', 'histogram', 'sightline_eval_score'],
    [METRICS.evalBreaches.name, '{breach}', 'counter', 'sightline_eval_breaches'],
    [semconv.METRIC_HW_GPU_UTILIZATION, '1', 'gauge', 'hw_gpu_utilization_ratio'],
    [semconv.METRIC_HW_GPU_MEMORY_USAGE, 'By', 'gauge', 'hw_gpu_memory_usage_bytes'],
    [semconv.METRIC_HW_TEMPERATURE, 'Cel', 'gauge', 'hw_temperature_celsius'],
    [semconv.METRIC_HW_POWER, 'W', 'gauge', 'hw_power_watts'],
    [semconv.METRIC_HW_ENERGY, 'J', 'counter', 'hw_energy_joules'],
    ['http.server.request.body.size', 'By/s', 'gauge', 'http_server_request_body_size_bytes_per_second'],
    ['requests.total', '', 'counter', 'requests'],
    ['queue.seconds', 's', 'histogram', 'queue_seconds'], // the unit is not repeated
    ['cpu.ratio', '1', 'gauge', 'cpu_ratio'], // nor is `ratio`
    ['1st.metric', '', 'gauge', '_1st_metric'],
    ['weird..name--x', 'ms', 'histogram', 'weird_name_x_milliseconds'],
  ] as const)('%s [%s, %s] → %s', (name, unit, kind, expected) => {
    expect(prometheusFamilyName(name, unit, kind)).toBe(expected);
  });

  it('turns attribute keys into label names', () => {
    expect(prometheusLabelName(semconv.ATTR_GEN_AI_REQUEST_MODEL)).toBe('gen_ai_request_model');
    expect(prometheusLabelName('team')).toBe('team');
    expect(prometheusLabelName('9lives')).toBe('key_9lives');
    expect(prometheusLabelName('a-b/c')).toBe('a_b_c');
  });
});

describe('content negotiation', () => {
  it.each([
    // What Prometheus 2.42 sends by default.
    [
      'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
      'openmetrics',
    ],
    ['application/openmetrics-text; version=1.0.0; charset=utf-8', 'openmetrics'],
    ['text/plain;version=0.0.4;q=1,application/openmetrics-text;q=0.5', 'classic'],
    ['application/openmetrics-text;q=0', 'classic'],
    ['*/*', 'classic'],
    ['text/html', 'classic'],
    ['', 'classic'],
    [undefined, 'classic'],
  ])('%s → %s', (accept, expected) => {
    expect(negotiateFormat(accept)).toBe(expected);
  });
});
