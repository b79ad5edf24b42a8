import { escapeControl } from '../cli/escape-control.js';
import { integer, percent, table, usd, windowLength } from '../cli/format.js';
import type { Report } from '../types.js';
import { errorLine, unpricedLegend, USAGE_HEADER, usageCells } from './usage-cells.js';

const MAX_ROWS = 30;

/**
 * The human view of a report: a summary line, one row per group, untagged share, insights.
 * Every string from telemetry (tag values, model names, hashes) goes through escapeControl.
 */
export function formatReport(report: Report): string {
  const { totals, input } = report;
  const range = report.timeRange ? `${report.timeRange.start} → ${report.timeRange.end}` : 'no time range';
  const out: string[] = [
    `Sightline report for ${escapeControl(report.dir)} (${range})`,
    `${integer(totals.requests)} requests, ${integer(input.modelCalls)} model calls in ${integer(input.spans)} spans from ${input.files} files` +
      (input.evaluations > 0 ? `, ${integer(input.evaluations)} evaluation scores` : '') +
      (input.outsideRequests > 0
        ? `; ${integer(input.outsideRequests)} ${input.outsideRequests === 1 ? 'call' : 'calls'} outside any request (setup or background)`
        : ''),
    '',
  ];
  const rows = report.groups.slice(0, MAX_ROWS).map((group) => [...report.by.map((key) => group.key[key] ?? ''), ...usageCells(group)]);
  const totalRow = [...report.by.map((_, index) => (index === 0 ? 'TOTAL' : '')), ...usageCells(totals)];
  const header = [...report.by, ...USAGE_HEADER];
  out.push(table(header, [...rows, totalRow], report.by.length));
  if (report.groups.length > MAX_ROWS) out.push(`… ${report.groups.length - MAX_ROWS} more groups (use --json for all)`);
  const legend = unpricedLegend(report);
  if (legend) out.push(legend);
  out.push(
    '',
    errorLine(report),
    untaggedLine(report),
    '',
    'Insights',
    ...insightLines(report).map((line, index) => `${index + 1}. ${line}`),
  );
  return out.join('\n') + '\n';
}

export function untaggedLine(report: Report): string {
  const { untagged } = report;
  if (untagged.modelCalls === 0) return 'Untagged: none — every model call carries all its tags.';
  const keys = Object.entries(untagged.byKey)
    .map(([key, { share }]) => `${escapeControl(key)} ${percent(share)}`)
    .join(', ');
  return `Untagged: ${percent(untagged.modelCallShare)} of model calls and ${percent(untagged.costShare)} of cost lack a tag (${keys}).`;
}

export function insightLines(report: Report): string[] {
  const { promptOutputRatio: ratio, redundantCalls: redundant, rightSizing, topCostDrivers } = report.insights;
  const describe = (key: Record<string, string>) =>
    Object.entries(key)
      .map(([name, value]) => `${escapeControl(name)}=${escapeControl(value)}`)
      .join(' ') || 'all';
  const lines: string[] = [];
  lines.push(
    ratio.outlierCalls === 0
      ? `Prompt length: no outliers (median input/output ratio ${ratio.medianRatio?.toFixed(1) ?? '—'}:1).`
      : `Long prompts for short outputs: ${integer(ratio.outlierCalls)} calls above ${ratio.thresholdRatio!.toFixed(1)}:1 input/output ` +
          `(median ${ratio.medianRatio!.toFixed(1)}:1), ${integer(ratio.outlierInputTokens)} input tokens; most in ` +
          ratio.groups
            .slice(0, 3)
            .map((group) => `${describe(group.key)} (${group.outlierCalls}, up to ${group.maxRatio.toFixed(0)}:1)`)
            .join(', ') +
          '.',
  );
  lines.push(
    redundant.redundantCalls === 0
      ? `Redundant calls: none within ${windowLength(redundant.windowSeconds)} (${integer(redundant.hashedCalls)} calls carry a prompt hash).`
      : `Redundant calls: ${integer(redundant.redundantCalls)} calls repeated a prompt within ${windowLength(redundant.windowSeconds)}; ` +
          `a cache would have saved ${usd(redundant.savingsUsd)}. Top: ` +
          redundant.topPrompts
            .slice(0, 3)
            .map(
              (prompt) =>
                `${escapeControl(prompt.hash.slice(0, 8))} on ${escapeControl(prompt.model)} ×${prompt.redundantCalls} (${usd(prompt.savingsUsd)})`,
            )
            .join(', ') +
          '.',
  );
  if (rightSizing.length === 0) lines.push('Right-sizing: no expensive model with short, well-scored outputs (needs evaluation scores).');
  for (const suggestion of rightSizing.slice(0, 3)) {
    lines.push(
      `Right-sizing: ${escapeControl(suggestion.model)} writes ${suggestion.meanOutputTokens.toFixed(0)} output tokens on average with a mean score of ` +
        `${suggestion.meanScore.toFixed(2)} (${suggestion.scoredCalls} scored); on ${escapeControl(suggestion.cheaperModel)} its ${integer(suggestion.calls)} calls ` +
        `would cost ${usd(suggestion.estimatedCostUsd)} instead of ${usd(suggestion.costUsd)}: save ${usd(suggestion.savingsUsd)}.`,
    );
  }
  lines.push(
    `Top cost drivers: ` +
      (topCostDrivers
        .slice(0, 5)
        .map(
          (driver) => `${escapeControl(driver.dimension)}=${escapeControl(driver.value)} ${usd(driver.costUsd)} (${percent(driver.share)})`,
        )
        .join(', ') || 'none') +
      '.',
  );
  return lines;
}
