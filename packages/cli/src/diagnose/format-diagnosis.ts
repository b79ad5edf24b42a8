import { escapeControl } from '../cli/escape-control.js';
import { percent, seconds, table } from '../cli/format.js';
import type { Diagnosis } from '../types.js';

const BAR_WIDTH = 30;

/** The human view of one trace: layers, critical path, slowest span, GPU snapshot, and a waterfall. Span names and GPU ids come from telemetry: escaped. */
export function formatDiagnosis(diagnosis: Diagnosis): string {
  const out: string[] = [
    `Trace ${diagnosis.traceId}: ${escapeControl(diagnosis.root)}, ${seconds(diagnosis.durationSeconds)}, ${diagnosis.spans.length} spans`,
    '',
  ];
  out.push(
    table(
      ['layer', 'own time', 'share', 'spans'],
      diagnosis.layers.map((layer) => [layer.layer, seconds(layer.seconds), percent(layer.share), String(layer.spans)]),
      1,
    ),
  );
  out.push('');
  const { criticalLayer, slowestSpan } = diagnosis;
  out.push(`Critical layer: ${criticalLayer.layer} (${seconds(criticalLayer.seconds)}, ${percent(criticalLayer.share)} of the request)`);
  out.push(
    `Critical path: ${diagnosis.criticalPath.map((step) => `${escapeControl(step.name)} [${step.layer} ${seconds(step.seconds)}]`).join(' → ')}`,
  );
  out.push(
    `Slowest span: ${escapeControl(slowestSpan.name)} (${slowestSpan.layer}, ${seconds(slowestSpan.selfSeconds)} own time of ${seconds(slowestSpan.durationSeconds)})`,
  );
  for (const gpu of diagnosis.gpu) {
    const utilization =
      gpu.utilizationStart !== null || gpu.utilizationEnd !== null
        ? `utilization ${share(gpu.utilizationStart)} → ${share(gpu.utilizationEnd)}`
        : 'no utilization reading';
    const memory =
      gpu.memoryStartBytes !== null || gpu.memoryEndBytes !== null
        ? `, memory ${gib(gpu.memoryStartBytes)} → ${gib(gpu.memoryEndBytes)}`
        : '';
    out.push(`GPU ${escapeControl(gpu.gpuId ?? '?')} during ${escapeControl(gpu.name)}: ${utilization}${memory}`);
  }
  out.push('', 'Waterfall');
  const total = diagnosis.durationSeconds || 1;
  for (const span of diagnosis.spans) {
    const offset = Math.min(BAR_WIDTH - 1, Math.floor((span.startOffsetSeconds / total) * BAR_WIDTH));
    const width = Math.max(1, Math.round((span.durationSeconds / total) * BAR_WIDTH));
    const bar = ' '.repeat(offset) + '█'.repeat(Math.min(width, BAR_WIDTH - offset));
    const label = `${'  '.repeat(span.depth)}${escapeControl(span.name)}${span.failed ? ' ✗' : ''}`;
    out.push(`${bar.padEnd(BAR_WIDTH)} ${seconds(span.durationSeconds).padStart(8)}  ${label}`);
  }
  if (diagnosis.skippedLines > 0) out.push('', `(${diagnosis.skippedLines} corrupt lines skipped)`);
  return out.join('\n') + '\n';
}

function share(value: number | null): string {
  return value === null ? '?' : percent(value);
}

function gib(bytes: number | null): string {
  return bytes === null ? '?' : `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}
