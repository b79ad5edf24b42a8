import { buildReport, diagnoseTrace, renderHtml, runCli } from '@sightline/cli';
const { report, charts } = await buildReport({ dir: '.sightline', by: ['team', 'model'], charts: true });

// The same as `sightline diagnose <traceId>`, and the HTML page as a string:
export const diagnosis = await diagnoseTrace({ dir: '.sightline', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
export const totalCostUsd = report.totals.costUsd;
export const html = charts ? renderHtml(report, charts) : '';
export const exitCode = await runCli(['report', '--json'], { stdout: process.stdout, stderr: process.stderr });
