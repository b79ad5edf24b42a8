import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AIMessage } from '@langchain/core/messages';
import { FakeBuiltModel, fakeModel } from '@langchain/core/testing';
import { tool } from '@langchain/core/tools';
import { init, semconv, startPrometheusEndpoint, type PrometheusEndpoint, type Sightline } from '@sightline/core';
import { SightlineCallbackHandler } from '@sightline/langchain';
import { readFileSpans, type FileSpan } from '@sightline/testing';
import { createAgent } from 'langchain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBinary } from './support/binaries.js';
import { RULES_DIR, TAG_KEYS, dashboardExpressions, readRules, substituteGrafanaVariables } from './support/deploy-expressions.js';
import { startPrometheus, waitFor, type PrometheusServer } from './support/prometheus-server.js';

const prometheusBinary = findBinary('prometheus');
const TEAMS = [
  { team: 'search', feature: 'faq', runs: 2 },
  { team: 'support', feature: 'chat', runs: 3 },
];
const RULE_FILES = ['sightline-recording.yml', 'sightline-budgets.yml', 'sightline-alerts.yml'];

/** The shipped rule files, evaluated every second instead of every minute so the test need not wait. */
function copyRulesWithFastEvaluation(dir: string): string[] {
  return RULE_FILES.map((file) => {
    const text = readFileSync(join(RULES_DIR, file), 'utf8');
    expect(text).toMatch(/^\s+interval: 1m$/m);
    writeFileSync(join(dir, file), text.replace(/^(\s+)interval: 1m$/gm, '$1interval: 1s'));
    return join(dir, file);
  });
}

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}
interface ExemplarSeries {
  seriesLabels: Record<string, string>;
  exemplars: { labels: Record<string, string>; value: string; timestamp: number }[];
}

async function query(prometheus: PrometheusServer, expr: string): Promise<Sample[]> {
  return (await prometheus.api<{ result: Sample[] }>('query', { query: expr })).result;
}

/** fakeModel() names no provider; report it as OpenAI gpt-4o-mini so the run is priced (bindTools makes new instances: patch the class). */
function reportFakeModelAsOpenAi(): () => void {
  const prototype = FakeBuiltModel.prototype as unknown as { getLsParams?: unknown };
  const original = Object.getOwnPropertyDescriptor(prototype, 'getLsParams');
  prototype.getLsParams = () => ({ ls_provider: 'openai', ls_model_name: 'gpt-4o-mini', ls_model_type: 'chat' });
  return () => (original ? Object.defineProperty(prototype, 'getLsParams', original) : delete prototype.getLsParams);
}

function buildAgent(run: number) {
  const lookup = tool(async ({ q }: { q: string }) => `notes about ${q}`, {
    name: 'lookup',
    description: 'Look a topic up',
    schema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
  });
  const model = fakeModel()
    .respond(
      new AIMessage({
        content: '',
        tool_calls: [{ name: 'lookup', args: { q: `topic ${run}` }, id: `call_${run}`, type: 'tool_call' }],
        usage_metadata: { input_tokens: 100 + run, output_tokens: 20, total_tokens: 120 + run },
      }),
    )
    .respond(
      new AIMessage({ content: `answer ${run}`, usage_metadata: { input_tokens: 200, output_tokens: 50 + run, total_tokens: 250 + run } }),
    );
  return createAgent({ model, tools: [lookup], name: 'helper' });
}

describe.skipIf(!prometheusBinary)('a real Prometheus (2.42, exemplar storage) scraping the OpenMetrics endpoint', () => {
  let dir: string;
  let endpoint: PrometheusEndpoint;
  let obs: Sightline;
  let prometheus: PrometheusServer;
  let fileSpans: FileSpan[];
  let restoreModel: () => void;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sightline-prometheus-'));
    endpoint = startPrometheusEndpoint({ port: 0 });
    obs = init({
      serviceName: 'rag-agent-e2e',
      exporters: { file: join(dir, '.sightline') },
      defaultTags: { environment: 'staging' },
      pipelines: { metricReaders: [endpoint.reader] },
    });
    const url = new URL(await endpoint.ready);
    restoreModel = reportFakeModelAsOpenAi();
    const handler = new SightlineCallbackHandler();
    let run = 0;
    for (const { team, feature, runs } of TEAMS) {
      for (let index = 0; index < runs; index++) {
        const agent = buildAgent(run++);
        await obs.withTags({ team, feature }, () =>
          agent.invoke({ messages: [{ role: 'user', content: `question ${run}` }] }, { callbacks: [handler] }),
        );
      }
    }
    await obs.forceFlush();
    fileSpans = readFileSpans(join(dir, '.sightline'));

    prometheus = await startPrometheus({
      binary: prometheusBinary!,
      dir,
      target: url.host,
      metricsPath: url.pathname,
      ruleFiles: copyRulesWithFastEvaluation(dir),
    });
    await waitFor(
      async () => (await query(prometheus, 'sum by (team) (sightline_llm_cost_USD_total)')).length === 2,
      30_000,
      'two teams of cost in Prometheus',
    ).catch(async (error: Error) => {
      const targets = await prometheus.api('targets').catch(() => 'unavailable');
      throw new Error(`${error.message}\ntargets: ${JSON.stringify(targets)}\n${prometheus.log()}`);
    });
  });

  afterAll(async () => {
    restoreModel?.();
    await prometheus?.stop();
    await obs?.shutdown();
    await endpoint?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('scrapes the target successfully, in OpenMetrics (classic text carries no exemplars)', async () => {
    const targets = await prometheus.api<{ activeTargets: { health: string; lastError: string }[] }>('targets');
    expect(targets.activeTargets.map(({ health, lastError }) => ({ health, lastError }))).toEqual([{ health: 'up', lastError: '' }]);
    const [exemplars] = await prometheus.api<ExemplarSeries[]>('query_exemplars', {
      query: 'gen_ai_client_operation_duration_seconds_bucket',
      start: String(Date.now() / 1000 - 600),
      end: String(Date.now() / 1000 + 60),
    });
    expect(exemplars?.exemplars.length).toBeGreaterThan(0);
  });

  it('serves classic text that promtool check metrics accepts', async () => {
    const classic = await (await fetch(endpoint.url)).text();
    expect(classic).toContain('# TYPE sightline_llm_cost_USD_total counter');
    const result = spawnSync(findBinary('promtool')!, ['check', 'metrics'], { input: classic, encoding: 'utf8' });
    expect({ status: result.status, problems: result.stderr }).toEqual({ status: 0, problems: '' });
  });

  it('sum by (team) of the cost counter equals the cost on the model-call spans in traces.jsonl', async () => {
    const chatSpans = fileSpans.filter((span) => span.attributes[semconv.ATTR_SIGHTLINE_COST_USD] !== undefined);
    expect(chatSpans).toHaveLength(2 * (2 + 3)); // two model calls per agent run
    const fromFile = new Map<string, number>();
    for (const span of chatSpans) {
      const team = String(span.attributes.team);
      fromFile.set(team, (fromFile.get(team) ?? 0) + Number(span.attributes[semconv.ATTR_SIGHTLINE_COST_USD]));
    }
    const samples = await query(prometheus, 'sum by (team) (sightline_llm_cost_USD_total)');
    const fromPrometheus = Object.fromEntries(samples.map((sample) => [sample.metric.team, Number(sample.value[1])]));
    expect(Object.keys(fromPrometheus).sort()).toEqual(['search', 'support']);
    for (const [team, cost] of fromFile) {
      expect(cost).toBeGreaterThan(0);
      expect(fromPrometheus[team]).toBeCloseTo(cost, 15);
    }
  });

  it('returns exemplars whose trace and span ids are model-call spans in traces.jsonl', async () => {
    const series = await prometheus.api<ExemplarSeries[]>('query_exemplars', {
      query: 'sightline_llm_cost_USD_total',
      start: String(Date.now() / 1000 - 600),
      end: String(Date.now() / 1000 + 60),
    });
    expect(series.map((entry) => entry.seriesLabels.team).sort()).toEqual(['search', 'support']);
    const spansById = new Map(fileSpans.map((span) => [span.spanId, span]));
    for (const { seriesLabels, exemplars } of series) {
      expect(exemplars.length).toBeGreaterThan(0);
      for (const { labels, value } of exemplars) {
        const span = spansById.get(labels.span_id!);
        expect(span, `exemplar span ${labels.span_id} in traces.jsonl`).toBeDefined();
        expect(span!.traceId).toBe(labels.trace_id);
        expect(span!.attributes.team).toBe(seriesLabels.team);
        expect(Number(value)).toBeCloseTo(Number(span!.attributes[semconv.ATTR_SIGHTLINE_COST_USD]), 15);
      }
    }
  });

  it('evaluates every PromQL expression of the dashboards without error, and their tag variables find both teams', async () => {
    const expressions = dashboardExpressions();
    expect(expressions.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const { source, expr } of expressions) {
      await prometheus
        .api('query', { query: substituteGrafanaVariables(expr) })
        .catch((error: Error) => failures.push(`${source}: ${error.message}`));
    }
    expect(failures).toEqual([]);
    for (const key of TAG_KEYS) expect((await prometheus.api<string[]>(`label/${key}/values`)).length).toBeGreaterThan(0);
    expect(await prometheus.api<string[]>('label/team/values')).toEqual(['search', 'support']);
  });

  it('loads every rule and evaluates each without error; the cost-per-hour rule has both teams', async () => {
    type Rules = { groups: { name: string; rules: { name: string; health: string; lastError?: string; lastEvaluation: string }[] }[] };
    const started = Date.now();
    await waitFor(
      async () => {
        const { groups } = await prometheus.api<Rules>('rules');
        return groups.every((group) => group.rules.every((rule) => Date.parse(rule.lastEvaluation) > started));
      },
      30_000,
      'every rule to be evaluated',
    );
    const { groups } = await prometheus.api<Rules>('rules');
    const loaded = groups.flatMap((group) =>
      group.rules.map(({ name, health, lastError }) => ({ name, health, lastError: lastError ?? '' })),
    );
    expect(loaded.map((rule) => rule.name).sort()).toEqual(
      readRules()
        .map((rule) => rule.name)
        .sort(),
    );
    expect(loaded.filter((rule) => rule.health !== 'ok')).toEqual([]);
    for (const rule of readRules()) {
      await expect(prometheus.api('query', { query: rule.expr }), rule.source).resolves.toBeDefined();
    }
    // increase() needs two scrapes inside its window: wait for an evaluation that had them.
    const teamsPerHour = async () =>
      (await query(prometheus, 'team_feature_model:sightline_llm_cost_USD:increase1h')).map((sample) => sample.metric.team).sort();
    await waitFor(async () => (await teamsPerHour()).length === 2, 15_000, 'the cost-per-hour rule to record both teams').catch(
      () => undefined,
    );
    expect(await teamsPerHour()).toEqual(['search', 'support']);
  });
});
