import { integer, percent, seconds, usd } from '../cli/format.js';
import type { Report, UsageSummary } from '../types.js';
import { ERROR_LAYERS } from './layer-errors.js';

/**
 * The cells of a report row, shared by the text and the HTML report so both read the same.
 * Only numbers and fixed words: the row's tag values are the caller's (and escaped there).
 */
export const USAGE_HEADER = [
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
] as const;

/** Marks a cost that leaves out unpriced calls; the legend below the table says what it means. */
const UNPRICED_MARK = '*';
const UNPRICED = 'unpriced';

export function usageCells(usage: UsageSummary): string[] {
  return [
    integer(usage.requests),
    integer(usage.modelCalls),
    integer(usage.inputTokens),
    integer(usage.cacheReadInputTokens),
    integer(usage.outputTokens),
    integer(usage.reasoningOutputTokens),
    costCell(usage),
    costPerRequestCell(usage),
    seconds(usage.latencyP50Seconds),
    seconds(usage.latencyP95Seconds),
    seconds(usage.timeToFirstTokenP50Seconds),
    seconds(usage.timeToFirstTokenP95Seconds),
    percent(usage.requestErrorRate),
  ];
}

/** `unpriced` when no call of the row has a price (its cost is unknown, never $0), `$x*` when some lack one. */
export function costCell(usage: UsageSummary): string {
  if (usage.modelCalls > 0 && usage.unpricedModelCalls === usage.modelCalls) return UNPRICED;
  return markUnpriced(usd(usage.costUsd), usage);
}

/** `unpriced` when no call of the row has a price; `$x*` (a lower bound) when some lack one. */
export function costPerRequestCell(usage: UsageSummary): string {
  if (usage.costPerRequestUsd === null && usage.unpricedModelCalls > 0) return UNPRICED;
  return markUnpriced(usd(usage.costPerRequestUsd), usage);
}

function markUnpriced(cell: string, usage: UsageSummary): string {
  return usage.unpricedModelCalls > 0 && cell !== '—' ? cell + UNPRICED_MARK : cell;
}

/** The legend for `*` and `unpriced`; undefined when every call is priced (then neither appears). */
export function unpricedLegend(report: Report): string | undefined {
  const calls = report.totals.unpricedModelCalls;
  if (calls === 0) return undefined;
  return (
    `${UNPRICED_MARK} ${integer(calls)} of ${integer(report.totals.modelCalls)} model calls are unpriced (no sightline.cost.usd: ` +
    `the model has no catalog price, or the provider reported no usage). Their cost is unknown, not $0: it is left out of cost ` +
    `and cost/request, which are lower bounds where marked ${UNPRICED_MARK}; "${UNPRICED}" means no call of the row is priced.`
  );
}

const LAYER_NAMES: Readonly<Record<(typeof ERROR_LAYERS)[number], string>> = { model: 'model', tool: 'tool', mcp: 'MCP', vector: 'vector' };

/** Errors per request, then per layer: the share of requests where the layer failed, and its failed spans. */
export function errorLine(report: Report): string {
  const { totals, errorsByLayer } = report;
  const layers = ERROR_LAYERS.map((layer) => {
    const errors = errorsByLayer[layer];
    if (errors.spans === 0) return `${LAYER_NAMES[layer]} — (no spans)`;
    return `${LAYER_NAMES[layer]} ${percent(errors.requestErrorRate ?? 0)} (${integer(errors.failedSpans)} of ${integer(errors.spans)} spans failed)`;
  });
  return (
    `Errors: ${integer(totals.failedRequests)} of ${integer(totals.requests)} requests failed (${percent(totals.requestErrorRate)}). ` +
    `Requests with a failure per layer: ${layers.join(', ')}.`
  );
}
