import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parser as logqlParser } from '@grafana/lezer-logql';
import { parser as traceqlParser } from '@grafana/lezer-traceql';
import { describe, expect, it } from 'vitest';
import { DEPLOY_DIR, readDashboards } from './support/deploy-expressions.js';

// Loki and Tempo cannot run here, so every LogQL and TraceQL string that deploy/ and the docs ship is
// parsed with the parsers Grafana's own query editors use: a typo fails here, not in a user's Grafana.
// (PromQL runs against a real Prometheus in test/prometheus-scrape.e2e.test.ts.)
type Language = 'logql' | 'traceql';
interface Query {
  source: string;
  language: Language;
  text: string;
}

const root = join(import.meta.dirname, '..');
const parsers = { logql: logqlParser, traceql: traceqlParser };
const dashboardLanguages: Record<string, Language | undefined> = { loki: 'logql', tempo: 'traceql' };

/** Grafana's variables replaced as Grafana sends them: intervals by durations, the rest (inside strings) by `.*`. */
function substituteVariables(text: string): string {
  return text.replace(/\$__(?:rate_interval|interval|range|auto)\b/g, '1m').replace(/\$\{?\w+(?::\w+)?\}?/g, '.*');
}

/** The parse errors of one query: the offsets of the nodes the parser marked as errors. */
function parseErrors(language: Language, text: string): number[] {
  const errors: number[] = [];
  parsers[language].parse(substituteVariables(text)).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(node.from);
    },
  });
  return errors;
}

function dashboardQueries(): Query[] {
  return readDashboards().flatMap(({ file, dashboard }) =>
    dashboard.panels.flatMap((panel) =>
      panel.targets.flatMap((target) => {
        const language = dashboardLanguages[(target.datasource ?? panel.datasource)?.type ?? ''];
        if (language === undefined) return [];
        const text = language === 'logql' ? target.expr : target.query;
        return [{ source: `${file} / ${panel.title} / ${target.refId}`, language, text: text ?? '' }];
      }),
    ),
  );
}

/** The LogQL selectors of the Alloy config's `stage.match` blocks (raw strings). */
function alloyQueries(): Query[] {
  const config = readFileSync(join(DEPLOY_DIR, 'alloy/config.alloy'), 'utf8');
  return [...config.matchAll(/^\s*selector\s*=\s*`([^`]*)`/gm)].map(([, text], index) => ({
    source: `alloy/config.alloy selector #${index + 1}`,
    language: 'logql' as const,
    text: text ?? '',
  }));
}

const documents = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
];
const texts = documents.map((doc) => ({ doc, text: readFileSync(join(root, doc), 'utf8') }));

/** Fenced ```logql and ```traceql blocks; queries within a block are separated by blank lines. */
function docQueries(): Query[] {
  return texts.flatMap(({ doc, text }) =>
    [...text.matchAll(/^```(logql|traceql)\n([\s\S]*?)^```/gm)].flatMap(([, language, body], block) =>
      (body ?? '')
        .split(/\n\s*\n/)
        .map((chunk) => chunk.trim())
        .filter((chunk) => chunk !== '')
        .map((chunk, index) => ({
          source: `${doc} ${language} block #${block + 1} query #${index + 1}`,
          language: language as Language,
          text: chunk,
        })),
    ),
  );
}

const queries = [...dashboardQueries(), ...alloyQueries(), ...docQueries()];

describe('LogQL and TraceQL in deploy/ and the docs', () => {
  it('finds the queries it checks', () => {
    const count = (language: Language, prefix: string) =>
      queries.filter((query) => query.language === language && query.source.startsWith(prefix)).length;
    expect(count('logql', 'overview.json')).toBeGreaterThanOrEqual(2);
    expect(count('logql', 'quality.json')).toBeGreaterThanOrEqual(3);
    expect(count('traceql', 'cost-attribution.json')).toBeGreaterThanOrEqual(2);
    expect(count('traceql', 'mcp-tools.json')).toBeGreaterThanOrEqual(1);
    expect(count('logql', 'alloy/')).toBeGreaterThanOrEqual(2);
    expect(count('logql', 'docs/deploy.md')).toBeGreaterThanOrEqual(3);
    expect(count('traceql', 'docs/deploy.md')).toBeGreaterThanOrEqual(3);
  });

  it('every query parses without an error node', () => {
    const failures = queries.flatMap(({ source, language, text }) => {
      const errors = parseErrors(language, text);
      return errors.length === 0 ? [] : [`${source} (${language}, error at ${errors.join(', ')}): ${text}`];
    });
    expect(failures).toEqual([]);
  });

  it('reports a broken query, so the check above can fail', () => {
    expect(parseErrors('logql', '{exporter="OTLP"} | json kind=')).not.toEqual([]);
    expect(parseErrors('logql', 'sum by (kind) (count_over_time({exporter="OTLP"}))')).not.toEqual([]);
    expect(parseErrors('traceql', '{ span.sightline.cost.usd > }')).not.toEqual([]);
    expect(parseErrors('traceql', '{ status = error } | select(span.gen_ai.request.model')).not.toEqual([]);
  });

  it('every dashboard target has a datasource type this check or the Prometheus e2e covers', () => {
    const types = readDashboards().flatMap(({ dashboard }) =>
      dashboard.panels.flatMap((panel) => panel.targets.map((target) => (target.datasource ?? panel.datasource)?.type)),
    );
    expect(types.filter((type) => type !== 'prometheus' && dashboardLanguages[type ?? ''] === undefined)).toEqual([]);
  });

  it('has no query in the docs that escapes the check (fence it as a bare ```logql or ```traceql)', () => {
    const escaping = texts.flatMap(({ doc, text }) =>
      [...text.matchAll(/^(\s*```+[^\n]*)\n([\s\S]*?)^\s*```/gm)]
        .filter(([, fence, body]) => {
          const language = (fence ?? '').trim().replace(/^`+/, '');
          if (language === 'logql' || language === 'traceql') return false;
          // A named but misspelt fence, or an unnamed one holding a stream selector or spanset.
          return /^(logql|traceql|loki|tempo)\b/i.test(language) || (language === '' && /^\s*\{/.test(body ?? ''));
        })
        .map(([fence]) => `${doc}: ${fence}`),
    );
    expect(escaping).toEqual([]);
  });
});
