import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { semconv } from '@sightline/core';
import { describe, expect, it } from 'vitest';
import { DEPLOY_DIR, TAG_KEYS } from './support/deploy-expressions.js';

// Alloy cannot run on this machine: these checks read its config as text.
const config = readFileSync(join(DEPLOY_DIR, 'alloy/config.alloy'), 'utf8');

/** The RE2 regexes of the `loki.process` regex stages, as JavaScript regexes (`(?P<n>` → `(?<n>`). */
function regexStages(): RegExp[] {
  return [...config.matchAll(/stage\.regex \{\s+expression = `([^`]+)`/g)].map(
    ([, source]) => new RegExp(source!.replace(/\(\?P</g, '(?<')),
  );
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

/** The `stage.match` selectors as predicates over a line, with the labels the earlier stages set (`eval_name`). */
function matchSelectors(): ((line: string) => boolean)[] {
  return [...config.matchAll(/selector = `\{([^}]*)\}((?:\s*(?:\|=|!=|\|~|!~)\s*"(?:[^"\\]|\\.)*")*)`/g)].map(([, matchers, filters]) => {
    const labels = [...matchers!.matchAll(/(\w+)\s*(=~|=)\s*"([^"]*)"/g)].map(([, name, op, value]) => ({
      name: name!,
      test: op === '=' ? (v: string) => v === value : (v: string) => new RegExp(`^(?:${value})$`).test(v),
    }));
    const lines = [...filters!.matchAll(/(\|=|!=|\|~|!~)\s*("(?:[^"\\]|\\.)*")/g)].map(([, op, literal]) => {
      const text = JSON.parse(literal!) as string;
      const hit = op!.endsWith('~') ? (line: string) => new RegExp(text).test(line) : (line: string) => line.includes(text);
      return op!.startsWith('!') ? (line: string) => !hit(line) : hit;
    });
    return (line: string) => {
      const streamLabels: Record<string, string | undefined> = { eval_name: extract(line).eval_name }; // stage.labels: only eval_name
      return labels.every(({ name, test }) => test(streamLabels[name] ?? '')) && lines.every((filter) => filter(line));
    };
  });
}

describe('deploy/alloy/config.alloy', () => {
  it('extracts evaluator name, score and label from evaluation log lines with its regex stages', () => {
    expect(regexStages()).toHaveLength(3);
    expect(extract(lokiLine('safety', 0.25, 'fail'))).toEqual({ eval_name: 'safety', eval_score: '0.25', eval_label: 'fail' });
    expect(extract(lokiLine('factual_accuracy', 1e-7, 'pass'))).toEqual({
      eval_name: 'factual_accuracy',
      eval_score: '1e-7',
      eval_label: 'pass',
    });
    expect(extract(JSON.stringify({ body: 'GET /health 200', attributes: { team: 'x' } }))).toEqual({});
  });

  it("flags safety violations on the built-in safety evaluators' lines, and only on those", () => {
    expect(matchSelectors()).toHaveLength(2);
    const flagged = (line: string) => matchSelectors().some((matches) => matches(line));
    expect(flagged(lokiLine('safety', 0.25, 'fail'))).toBe(true);
    expect(flagged(lokiLine('safety', 0.4, 'harmful'))).toBe(true); // the judge's own word: the score decides
    expect(flagged(lokiLine('safety', 0, 'unsafe'))).toBe(true);
    expect(flagged(lokiLine('safety', 1e-7, 'unsafe').replace('1e-7', '1e-07'))).toBe(true); // as Go writes it
    expect(flagged(lokiLine('pii', 0, 'detected'))).toBe(true);
    expect(flagged(lokiLine('secrets', 0, 'detected'))).toBe(true);
    expect(flagged(lokiLine('safety', 0.6, 'fail'))).toBe(false); // a breach of a 0.7 threshold, not unsafe
    expect(flagged(lokiLine('safety', 0.5, 'pass'))).toBe(false);
    expect(flagged(lokiLine('safety', 1, 'safe'))).toBe(false);
    expect(flagged(lokiLine('pii', 1, 'clean'))).toBe(false);
    expect(flagged(lokiLine('refusal', 0, 'refused'))).toBe(false);
    expect(flagged(lokiLine('factual_accuracy', 0.1, 'fail'))).toBe(false);
    const alert = JSON.parse(lokiLine('safety', 0.2, 'fail')) as { attributes: Record<string, unknown> };
    alert.attributes[semconv.ATTR_SIGHTLINE_ALERT_KIND] = semconv.ALERT_KIND_QUALITY_BREACH;
    expect(flagged(JSON.stringify(alert))).toBe(false); // the breach's alert line repeats the score
  });

  it('enriches every tag key of the default schema on spans, data points and log records', () => {
    for (const context of ['span', 'datapoint', 'log']) {
      const start = config.search(new RegExp(`context\\s+= "${context}"`));
      expect(start, context).toBeGreaterThan(-1);
      const block = config.slice(start, config.indexOf('\n    ]', start));
      for (const key of TAG_KEYS) {
        const value =
          key === 'environment' ? '\\\\"" \\+ coalesce\\(sys\\.env\\("SIGHTLINE_DEFAULT_ENVIRONMENT"\\), "dev"\\)' : '"untagged"';
        const statement = new RegExp(`set\\(attributes\\[\\\\?"${key}\\\\?"\\], ${value}`);
        expect(block, `${context}: ${key}`).toMatch(statement);
      }
    }
  });

  it('wires every component it references, and has the OTLP receiver, tail sampling, batching, remote write, Tempo, Loki and the scrape', () => {
    const defined = new Set([...config.matchAll(/^([a-z_.]+) "([a-z_]+)" \{/gm)].map(([, kind, label]) => `${kind}.${label}`));
    const referenced = new Set(
      [...config.matchAll(/\b((?:otelcol|prometheus|loki)\.[a-z_.]+?)\.(input|receiver)\b/g)].map(([, component]) => component!),
    );
    expect([...referenced].filter((component) => !defined.has(component))).toEqual([]);
    expect([...defined].sort()).toEqual([
      'loki.process.evaluations',
      'loki.write.default',
      'otelcol.exporter.loki.default',
      'otelcol.exporter.otlp.tempo',
      'otelcol.exporter.prometheus.default',
      'otelcol.processor.batch.default',
      'otelcol.processor.tail_sampling.default',
      'otelcol.processor.transform.tags',
      'otelcol.receiver.otlp.default',
      'prometheus.remote_write.default',
      'prometheus.scrape.sightline',
    ]);
  });

  it('sends traces through tail sampling to Tempo, keeping errors, expensive requests, quality breaches and a share of the rest', () => {
    expect(outputs('otelcol.receiver.otlp "default"')).toBe('otelcol.processor.transform.tags.input');
    expect(outputs('otelcol.processor.transform "tags"')).toBe('otelcol.processor.tail_sampling.default.input');
    expect(outputs('otelcol.processor.tail_sampling "default"')).toBe('otelcol.processor.batch.default.input');
    expect(outputs('otelcol.processor.batch "default"')).toBe('otelcol.exporter.otlp.tempo.input');
    const sampling = block('otelcol.processor.tail_sampling "default"');
    const policies = [...sampling.matchAll(/name = "(\w+)"\s+type = "(\w+)"/g)].map(([, name, type]) => `${name}:${type}`);
    expect(policies).toEqual(['errors:status_code', 'expensive:ottl_condition', 'breaches:ottl_condition', 'share:probabilistic']);
    expect(sampling).toContain(`span       = ["attributes[\\"${semconv.ATTR_SIGHTLINE_EVAL_BREACH}\\"] == true"]`);
    expect(sampling).toContain('status_codes = ["ERROR"]');
    // The OTTL condition as Alloy builds it with the default threshold, on the span attribute Sightline writes.
    const conditions = [
      ...sampling.matchAll(/"((?:[^"\\]|\\.)*)" \+ coalesce\(sys\.env\("SIGHTLINE_SAMPLING_COST_USD"\), "([0-9.]+)"\)/g),
    ].map(([, text, threshold]) => `${JSON.parse(`"${text}"`) as string}${threshold}`);
    expect(conditions).toEqual([
      `attributes["${semconv.ATTR_SIGHTLINE_REQUEST_COST_USD}"] > 0.05`,
      `attributes["${semconv.ATTR_SIGHTLINE_COST_USD}"] > 0.05`,
    ]);
    expect(sampling).toContain('sampling_percentage = encoding.from_json(coalesce(sys.env("SIGHTLINE_SAMPLING_PERCENT"), "10"))');
  });
});

/** The text of a top-level component block, braces balanced. */
function block(head: string): string {
  const start = config.indexOf(`\n${head} {`);
  expect(start, head).toBeGreaterThan(-1);
  let depth = 0;
  for (let index = config.indexOf('{', start); index < config.length; index += 1) {
    if (config[index] === '{') depth += 1;
    if (config[index] === '}' && --depth === 0) return config.slice(start, index + 1);
  }
  throw new Error(`unbalanced block ${head}`);
}

/** Where a component's `output` block sends traces. */
function outputs(head: string): string | undefined {
  return /output \{[^}]*traces\s*=\s*\[([^\]]*)\]/.exec(block(head))?.[1]?.trim();
}
