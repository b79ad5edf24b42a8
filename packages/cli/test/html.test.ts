import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFullWorkload } from './support/full-workload.js';
import { writeRequestWorkload } from './support/request-workload.js';
import { sightline, temporaryDirectory } from './support/run-cli.js';
import { generateTelemetry } from './support/telemetry-generator.js';

interface EmbeddedChart {
  id: string;
  config: { type: string; data: { labels?: string[]; datasets: { label: string; data: (number | null | { x: number; y: number })[] }[] } };
}

function embeddedCharts(html: string): EmbeddedChart[] {
  const json = /<script id="sightline-charts" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1];
  return JSON.parse(json ?? 'null') as EmbeddedChart[];
}

describe('sightline report --html', () => {
  let dir: { path: string; remove(): Promise<void> };
  beforeAll(async () => {
    dir = await temporaryDirectory('html');
    await generateTelemetry(join(dir.path, 'full'), writeFullWorkload);
  });
  afterAll(() => dir.remove());

  it('writes one self-contained file: Chart.js inlined, no external resource, network forbidden by CSP', async () => {
    const out = join(dir.path, 'report.html');
    const run = await sightline(['report', join(dir.path, 'full'), '--html', out]);
    expect(run).toEqual({ code: 0, stdout: '', stderr: `sightline: wrote ${out}\n` });
    const html = await readFile(out, 'utf8');
    expect(html).toContain(`content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).toMatch(/\* Chart\.js v4\.6\.1/);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
  });

  it('charts cost over time by team, cost by feature and model, p95 by layer, quality, and GPU against latency', async () => {
    const out = join(dir.path, 'full.html');
    await sightline(['report', join(dir.path, 'full'), '--html', out]);
    const charts = embeddedCharts(await readFile(out, 'utf8'));
    expect(charts.map((chart) => [chart.id, chart.config.type])).toEqual([
      ['cost-over-time', 'bar'],
      ['cost-by-feature-model', 'bar'],
      ['latency-by-layer', 'bar'],
      ['quality-over-time', 'line'],
      ['gpu-vs-latency', 'scatter'],
    ]);
    const [costOverTime, byFeature, latency, quality, gpu] = charts as [
      EmbeddedChart,
      EmbeddedChart,
      EmbeddedChart,
      EmbeddedChart,
      EmbeddedChart,
    ];
    const sum = (chart: EmbeddedChart) => chart.config.data.datasets.flatMap((set) => set.data as number[]).reduce((a, b) => a + b, 0);
    const total = 7.125 + 6 * 0.001953125;
    expect(costOverTime.config.data.datasets.map((set) => set.label).sort()).toEqual(['billing', 'search', 'support', 'untagged']);
    expect(sum(costOverTime)).toBeCloseTo(total, 12);
    expect(byFeature.config.data.labels).toEqual(['faq', 'chat', 'answers']);
    expect(sum(byFeature)).toBeCloseTo(total, 12);
    expect(latency.config.data.labels).toEqual(['model provider (30)', 'agent (6)', 'vector store (6)']);
    expect(latency.config.data.datasets[0]!.data).toEqual([0.9, 0.9, 0.55]);
    expect(quality.config.data.datasets.map((set) => set.label).sort()).toEqual(['factual_accuracy', 'relevance']);
    expect(gpu.config.data.datasets).toEqual([
      expect.objectContaining({
        label: 'llama3.1:8b',
        data: [0, 1, 2, 3, 4, 5].map((i) => ({ x: Math.round((0.3 + i * 0.1) * 1000) / 10, y: (300 + i * 80) / 1000 })),
      }),
    ]);
  });

  it('leaves out the quality and GPU charts when there is no evaluation or sampler data', async () => {
    const out = join(dir.path, 'plain-only.html');
    await generateTelemetry(join(dir.path, 'no-evals'), (generator) => {
      generator.modelCall({
        tags: { team: 'a', feature: 'b' },
        model: 'gpt-4o',
        inputTokens: 10,
        outputTokens: 5,
        costUsd: 0.5,
        startMs: Date.UTC(2025, 0, 1),
        durationMs: 100,
      });
    });
    await sightline(['report', join(dir.path, 'no-evals'), '--html', out]);
    expect(embeddedCharts(await readFile(out, 'utf8')).map((chart) => chart.id)).toEqual([
      'cost-over-time',
      'cost-by-feature-model',
      'latency-by-layer',
    ]);
  });

  it('escapes tag values in the page', async () => {
    await generateTelemetry(join(dir.path, 'hostile'), (generator) => {
      generator.modelCall({
        tags: { team: '<script>alert(1)</script>', feature: 'x' },
        model: 'gpt-4o',
        inputTokens: 10,
        outputTokens: 5,
        costUsd: 0.5,
        startMs: Date.UTC(2025, 0, 1),
        durationMs: 100,
      });
    });
    const out = join(dir.path, 'hostile.html');
    await sightline(['report', join(dir.path, 'hostile'), '--html', out]);
    const html = await readFile(out, 'utf8');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(embeddedCharts(html)[0]!.config.data.datasets[0]!.label).toBe('<script>alert(1)</script>');
  });

  it('speaks of requests as the text report does: cards, rows with the unpriced mark and its legend, errors per layer', async () => {
    await writeRequestWorkload(join(dir.path, 'requests'));
    const out = join(dir.path, 'requests.html');
    expect((await sightline(['report', join(dir.path, 'requests'), '--html', out])).code).toBe(0);
    const html = await readFile(out, 'utf8');
    const cards = [...html.matchAll(/<div class="card"><div class="value">(.*?)<\/div><div class="label">(.*?)<\/div><\/div>/g)].map(
      (match) => [match[2], match[1]],
    );
    expect(cards).toEqual([
      ['requests', '3'],
      ['model calls', '4'],
      ['cost', '$0.88*'],
      ['cost per request', '$0.29*'],
      ['p50 / p95 model latency', '400 ms / 1.00 s'],
      ['p50 / p95 time to first token', '250 ms / 500 ms'],
      ['requests failed', '33%'],
      ['untagged calls', '0%'],
    ]);
    const rowsOf = (id: string) => {
      const table = new RegExp(`<table id="${id}">(.*?)</table>`, 's').exec(html)?.[1] ?? '';
      return [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd]>(.*?)<\/t[hd]>/g)].map((cell) => cell[1]));
    };
    expect(rowsOf('usage')).toEqual([
      [
        'team',
        'feature',
        'model',
        'requests',
        'model calls',
        'in tok',
        'cached in',
        'out tok',
        'reasoning',
        'cost',
        'cost/request',
        'p50',
        'p95',
        'TTFT p50',
        'TTFT p95',
        'errors',
      ],
      ['search', 'faq', 'gpt-4o', '1', '1', '3,000', '0', '300', '128', '$0.50', '$0.50', '1.00 s', '1.00 s', '—', '—', '0%'],
      [
        'support',
        'orders',
        'gpt-4o-mini',
        '1',
        '2',
        '3,000',
        '1,400',
        '150',
        '30',
        '$0.38',
        '$0.38',
        '400 ms',
        '600 ms',
        '250 ms',
        '500 ms',
        '100%',
      ],
      ['billing', 'faq', 'llama3.1', '1', '1', '400', '0', '80', '0', 'unpriced', 'unpriced', '300 ms', '300 ms', '125 ms', '125 ms', '0%'],
      ['TOTAL', '', '', '3', '4', '6,400', '1,400', '530', '158', '$0.88*', '$0.29*', '400 ms', '1.00 s', '250 ms', '500 ms', '33%'],
    ]);
    expect(html).toContain('<p class="legend">* 1 of 4 model calls are unpriced (no sightline.cost.usd:');
    expect(html).not.toContain('$0.00*');
    expect(rowsOf('layers')).toEqual([
      ['layer', 'spans', 'failed spans', 'span error rate', 'requests failed in it', 'share of requests'],
      ['model', '4', '0', '0%', '0', '0%'],
      ['tool', '2', '1', '50%', '1', '33%'],
      ['MCP', '3', '2', '67%', '1', '33%'],
      ['vector', '2', '0', '0%', '0', '0%'],
    ]);
  });
});
