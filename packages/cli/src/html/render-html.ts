import { escapeControl, stringifyJson } from '../cli/escape-control.js';
import { integer, percent, seconds, usd } from '../cli/format.js';
import { insightLines, untaggedLine } from '../report/format-report.js';
import type { ChartData, Report } from '../types.js';
import { chartSpecs } from './chart-configs.js';
import { chartJsSource } from './chartjs-source.js';

const MAX_TABLE_ROWS = 50;

/**
 * One self-contained HTML file: the report's numbers, its insights, and
 * Chart.js charts, with Chart.js itself inlined. A Content-Security-Policy
 * forbids every network fetch, so it renders the same offline.
 */
export function renderHtml(report: Report, charts: ChartData): string {
  const specs = chartSpecs(charts);
  const { totals } = report;
  const cards = [
    ['model calls', integer(totals.requests)],
    ['cost', usd(totals.costUsd)],
    ['cost per request', usd(totals.costPerRequestUsd)],
    ['p50 / p95 latency', `${seconds(totals.latencyP50Seconds)} / ${seconds(totals.latencyP95Seconds)}`],
    ['error rate', percent(totals.errorRate)],
    ['untagged', percent(report.untagged.requestShare)],
  ];
  const header = [...report.by, 'requests', 'input tokens', 'output tokens', 'cost', 'cost/request', 'p50', 'p95', 'errors'];
  const rows = report.groups.slice(0, MAX_TABLE_ROWS).map((group) => [
    ...report.by.map((key) => group.key[key] ?? ''),
    integer(group.requests), integer(group.inputTokens), integer(group.outputTokens), usd(group.costUsd),
    usd(group.costPerRequestUsd), seconds(group.latencyP50Seconds), seconds(group.latencyP95Seconds), percent(group.errorRate),
  ]);
  const range = report.timeRange ? `${report.timeRange.start} → ${report.timeRange.end}` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sightline report</title>
<style>${style(report.by.length)}</style>
</head>
<body>
<h1>Sightline report</h1>
<p class="meta">${escapeHtml(report.dir)} · ${escapeHtml(range)} · generated ${escapeHtml(report.generatedAt)}${
    report.input.skippedLines > 0 ? ` · ${report.input.skippedLines} corrupt lines skipped` : ''}</p>
<section class="cards">${cards.map(([label, value]) => `<div class="card"><div class="value">${escapeHtml(value!)}</div><div class="label">${escapeHtml(label!)}</div></div>`).join('')}</section>
<section class="charts">${specs.map((spec) => `<figure><figcaption>${escapeHtml(spec.title)}</figcaption><div class="chart"><canvas id="${spec.id}" data-chart="${spec.id}"></canvas></div></figure>`).join('')}</section>
<h2>Insights</h2>
<ol>${insightLines(report).map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ol>
<p>${escapeHtml(untaggedLine(report))}</p>
<h2>Cost by ${escapeHtml(report.by.join(', '))}</h2>
<table><thead><tr>${header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('')}</tbody></table>
<script id="sightline-charts" type="application/json">${embedJson(specs)}</script>
<script>${chartJsSource()}</script>
<script>${BOOT}</script>
</body>
</html>
`;
}

/** Draws every chart from the embedded specs; `window.sightlineCharts` lists them for tests. */
const BOOT = `(function () {
  var specs = JSON.parse(document.getElementById('sightline-charts').textContent);
  window.sightlineCharts = specs.map(function (spec) {
    return new Chart(document.getElementById(spec.id), spec.config);
  });
})();`;

function style(textColumns: number): string {
  return `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fafafa}
h1{margin:0 0 4px}.meta{color:#666;margin:0 0 16px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin-bottom:16px}.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:120px}
.card .value{font-size:20px;font-weight:600}.card .label{color:#666}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px}
figure{margin:0;background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px}figcaption{font-weight:600;margin-bottom:6px}
.chart{position:relative;height:280px}
table{border-collapse:collapse;background:#fff}th,td{border:1px solid #ddd;padding:4px 8px;text-align:right}
th:nth-child(-n+${textColumns}),td:nth-child(-n+${textColumns}){text-align:left}`;
}

/** Control characters become visible `\\uXXXX` (as in the text report), then markup is escaped. */
function escapeHtml(text: string): string {
  return escapeControl(text).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** JSON inside a script element: `<` is escaped so no string can close the element, and no raw control character lands in the file. */
function embedJson(value: unknown): string {
  return stringifyJson(value).replace(/</g, '\\u003c');
}
