import { escapeControl, stringifyJson } from '../cli/escape-control.js';
import { integer, percent, seconds } from '../cli/format.js';
import { insightLines, untaggedLine } from '../report/format-report.js';
import { ERROR_LAYERS } from '../report/layer-errors.js';
import { costCell, costPerRequestCell, errorLine, unpricedLegend, USAGE_HEADER, usageCells } from '../report/usage-cells.js';
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
    ['requests', integer(totals.requests)],
    ['model calls', integer(totals.modelCalls)],
    ['cost', costCell(totals)],
    ['cost per request', costPerRequestCell(totals)],
    ['p50 / p95 model latency', `${seconds(totals.latencyP50Seconds)} / ${seconds(totals.latencyP95Seconds)}`],
    ['p50 / p95 time to first token', `${seconds(totals.timeToFirstTokenP50Seconds)} / ${seconds(totals.timeToFirstTokenP95Seconds)}`],
    ['requests failed', percent(totals.requestErrorRate)],
    ['untagged calls', percent(report.untagged.modelCallShare)],
  ];
  const header = [...report.by, ...USAGE_HEADER];
  const rows = [
    ...report.groups.slice(0, MAX_TABLE_ROWS).map((group) => [...report.by.map((key) => group.key[key] ?? ''), ...usageCells(group)]),
    [...report.by.map((_, index) => (index === 0 ? 'TOTAL' : '')), ...usageCells(totals)],
  ];
  const layerRows = ERROR_LAYERS.map((layer) => {
    const errors = report.errorsByLayer[layer];
    const rate = (value: number | null) => (value === null ? '—' : percent(value));
    return [
      layer === 'mcp' ? 'MCP' : layer,
      integer(errors.spans),
      integer(errors.failedSpans),
      rate(errors.spanErrorRate),
      integer(errors.failedRequests),
      rate(errors.requestErrorRate),
    ];
  });
  const legend = unpricedLegend(report);
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
    report.input.skippedLines > 0 ? ` · ${report.input.skippedLines} corrupt lines skipped` : ''
  }</p>
<section class="cards">${cards.map(([label, value]) => `<div class="card"><div class="value">${escapeHtml(value!)}</div><div class="label">${escapeHtml(label!)}</div></div>`).join('')}</section>
<section class="charts">${specs.map((spec) => `<figure><figcaption>${escapeHtml(spec.title)}</figcaption><div class="chart"><canvas id="${spec.id}" data-chart="${spec.id}"></canvas></div></figure>`).join('')}</section>
<h2>Insights</h2>
<ol>${insightLines(report)
    .map((line) => `<li>${escapeHtml(line)}</li>`)
    .join('')}</ol>
<p>${escapeHtml(untaggedLine(report))}</p>
<h2>Cost by ${escapeHtml(report.by.join(', '))}</h2>
${tableHtml('usage', header, rows)}${legend ? `\n<p class="legend">${escapeHtml(legend)}</p>` : ''}
<h2>Errors</h2>
<p>${escapeHtml(errorLine(report))}</p>
${tableHtml('layers', ['layer', 'spans', 'failed spans', 'span error rate', 'requests failed in it', 'share of requests'], layerRows)}
<script id="sightline-charts" type="application/json">${embedJson(specs)}</script>
<script>${chartJsSource()}</script>
<script>${BOOT}</script>
</body>
</html>
`;
}

/** A table in a scrolling box: a wide table scrolls on its own instead of widening the page. */
function tableHtml(id: string, header: readonly string[], rows: readonly (readonly string[])[]): string {
  return (
    `<div class="table-wrap"><table id="${id}"><thead><tr>${header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`
  );
}

/** Draws every chart from the embedded specs; `window.sightlineCharts` lists them for tests. */
const BOOT = `(function () {
  var specs = JSON.parse(document.getElementById('sightline-charts').textContent);
  window.sightlineCharts = specs.map(function (spec) {
    return new Chart(document.getElementById(spec.id), spec.config);
  });
})();`;

/**
 * Nothing may be wider than a phone's 420 px: chart columns shrink below 420 px (`min(…, 100%)`,
 * `min-width: 0` on grid items, which default to their content's width), tables scroll in their
 * own box, and long words from telemetry (paths, hashes) wrap.
 */
function style(textColumns: number): string {
  return `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fafafa;overflow-wrap:anywhere}
@media (max-width:600px){body{margin:12px}}
h1{margin:0 0 4px}.meta{color:#666;margin:0 0 16px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin-bottom:16px}.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:120px}
.card .value{font-size:20px;font-weight:600}.card .label{color:#666}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(420px,100%),1fr));gap:16px}
figure{margin:0;min-width:0;background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px}figcaption{font-weight:600;margin-bottom:6px}
.chart{position:relative;height:280px}
.table-wrap{max-width:100%;overflow-x:auto}.legend{color:#555;font-size:13px}
table{border-collapse:collapse;background:#fff;overflow-wrap:normal}th,td{border:1px solid #ddd;padding:4px 8px;text-align:right;white-space:nowrap}
#usage th:nth-child(-n+${textColumns}),#usage td:nth-child(-n+${textColumns}),#layers td:first-child{text-align:left}`;
}

/** Control characters become visible `\\uXXXX` (as in the text report), then markup is escaped. */
function escapeHtml(text: string): string {
  return escapeControl(text).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** JSON inside a script element: `<` is escaped so no string can close the element, and no raw control character lands in the file. */
function embedJson(value: unknown): string {
  return stringifyJson(value).replace(/</g, '\\u003c');
}
