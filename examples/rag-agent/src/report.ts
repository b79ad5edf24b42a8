import { writeFile } from 'node:fs/promises';
import type { SightlineAlert } from '@sightline/core';
import { buildReport, diagnoseTrace, formatDiagnosis, formatReport, renderHtml, type Report } from '@sightline/cli';

export interface DemoReport {
  report: Report;
  /** The report summary, one diagnose and the alerts, ready to print. */
  text: string;
}

/** What `sightline report --html` and `sightline diagnose <trace>` would show, built from the telemetry files. */
export async function reportOnRun(
  dir: string,
  diagnoseTraceId: string,
  htmlPath: string,
  alerts: readonly SightlineAlert[],
): Promise<DemoReport> {
  const { report, charts } = await buildReport({ dir, by: ['team', 'feature', 'model'], charts: true });
  if (charts) await writeFile(htmlPath, renderHtml(report, charts));
  const diagnosis = await diagnoseTrace({ dir, traceId: diagnoseTraceId });
  const text = [
    formatReport(report),
    `── sightline diagnose ${diagnoseTraceId} (the slowest order request) ──`,
    formatDiagnosis(diagnosis),
    formatAlerts(alerts),
    `HTML report: ${htmlPath}`,
  ].join('\n');
  return { report, text };
}

function formatAlerts(alerts: readonly SightlineAlert[]): string {
  const byKind = new Map<string, number>();
  for (const alert of alerts) byKind.set(alert.kind, (byKind.get(alert.kind) ?? 0) + 1);
  const lines = [
    `Alerts raised during the run: ${alerts.length} (${[...byKind].map(([kind, count]) => `${kind} ${count}`).join(', ') || 'none'})`,
  ];
  const budget = alerts.filter((alert) => alert.kind === 'budget');
  for (const alert of budget.slice(0, 4)) lines.push(`  budget: ${alert.message}`);
  const breach = alerts.find((alert) => alert.kind === 'quality_breach');
  if (breach) {
    lines.push(
      `  e.g. quality_breach: ${breach.evaluationName} ${breach.score} < ${breach.threshold} on ${breach.model} (trace ${breach.traceId})`,
    );
  }
  return lines.join('\n');
}
