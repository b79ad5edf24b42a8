import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { semconv } from '@sightline/core';
import { describe, expect, it } from 'vitest';
import { DEPLOY_DIR, TAG_KEYS } from '../../../test/support/deploy-expressions.js';

// Alloy cannot run on this machine: these checks read its config as text.
const config = readFileSync(join(DEPLOY_DIR, 'alloy/config.alloy'), 'utf8');

/** The RE2 regexes of the `loki.process` regex stages, as JavaScript regexes (`(?P<n>` → `(?<n>`). */
function regexStages(): RegExp[] {
  return [...config.matchAll(/stage\.regex \{\s+expression = `([^`]+)`/g)].map(([, source]) => new RegExp(source!.replace(/\(\?P</g, '(?<')));
}

/** A `gen_ai.evaluation.result` record as otelcol.exporter.loki writes it: a JSON line with the attributes inline. */
function lokiLine(name: string, value: number, label: string): string {
  return JSON.stringify({
    body: '',
    traceid: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanid: '00f067aa0ba902b7',
    severity: 'INFO',
    attributes: {
      [semconv.ATTR_GEN_AI_EVALUATION_NAME]: name,
      [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: 'gpt-4o-mini',
      [semconv.ATTR_GEN_AI_EVALUATION_SCORE_VALUE]: value,
      [semconv.ATTR_GEN_AI_EVALUATION_SCORE_LABEL]: label,
      team: 'search',
    },
    resources: { 'service.name': 'support-bot' },
  });
}

function extract(line: string): Record<string, string> {
  return Object.assign({}, ...regexStages().map((regex) => regex.exec(line)?.groups ?? {}));
}

describe('deploy/alloy/config.alloy', () => {
  it('extracts evaluator name, score and label from evaluation log lines with its regex stages', () => {
    expect(regexStages()).toHaveLength(3);
    expect(extract(lokiLine('safety', 0.25, 'fail'))).toEqual({ eval_name: 'safety', eval_score: '0.25', eval_label: 'fail' });
    expect(extract(lokiLine('factual_accuracy', 1e-7, 'pass'))).toEqual({ eval_name: 'factual_accuracy', eval_score: '1e-7', eval_label: 'pass' });
    expect(extract(JSON.stringify({ body: 'GET /health 200', attributes: { team: 'x' } }))).toEqual({});
  });

  it('flags safety violations with a line filter that matches failed safety evaluations only', () => {
    const selector = /selector = `\{eval_name="safety"\} \|~ "((?:[^"\\]|\\.)*)"`/.exec(config);
    expect(selector).not.toBeNull();
    const lineFilter = new RegExp(JSON.parse(`"${selector![1]}"`) as string);
    expect(lineFilter.test(lokiLine('safety', 0.1, 'fail'))).toBe(true);
    expect(lineFilter.test(lokiLine('safety', 0.2, 'detected'))).toBe(true);
    expect(lineFilter.test(lokiLine('safety', 0.9, 'pass'))).toBe(false);
  });

  it('enriches every tag key of the default schema on spans, data points and log records', () => {
    for (const context of ['span', 'datapoint', 'log']) {
      const start = config.search(new RegExp(`context\\s+= "${context}"`));
      expect(start, context).toBeGreaterThan(-1);
      const block = config.slice(start, config.indexOf('\n    ]', start));
      for (const key of TAG_KEYS) {
        const value = key === 'environment' ? '\\\\"" \\+ coalesce\\(sys\\.env\\("SIGHTLINE_DEFAULT_ENVIRONMENT"\\), "dev"\\)' : '"untagged"';
        const statement = new RegExp(`set\\(attributes\\[\\\\?"${key}\\\\?"\\], ${value}`);
        expect(block, `${context}: ${key}`).toMatch(statement);
      }
    }
  });

  it('wires every component it references, and has the OTLP receiver, batching, remote write, Tempo, Loki and the scrape', () => {
    const defined = new Set([...config.matchAll(/^([a-z_.]+) "([a-z_]+)" \{/gm)].map(([, kind, label]) => `${kind}.${label}`));
    const referenced = new Set([...config.matchAll(/\b((?:otelcol|prometheus|loki)\.[a-z_.]+?)\.(input|receiver)\b/g)].map(([, component]) => component!));
    expect([...referenced].filter((component) => !defined.has(component))).toEqual([]);
    expect([...defined].sort()).toEqual([
      'loki.process.evaluations',
      'loki.write.default',
      'otelcol.exporter.loki.default',
      'otelcol.exporter.otlp.tempo',
      'otelcol.exporter.prometheus.default',
      'otelcol.processor.batch.default',
      'otelcol.processor.transform.tags',
      'otelcol.receiver.otlp.default',
      'prometheus.remote_write.default',
      'prometheus.scrape.sightline',
    ]);
  });
});
