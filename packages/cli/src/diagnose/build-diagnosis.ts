import { semconv } from '@sightline/core';
import { CliError, EXIT_NO_TELEMETRY, EXIT_TRACE_NOT_FOUND, EXIT_USAGE } from '../cli/errors.js';
import { emptyReadStats, forEachJsonLine } from '../read/json-lines.js';
import { KIND_LABELS, type SpanKindOfWork } from '../read/layers.js';
import { forEachSpan, OTLP_STATUS_ERROR, type SpanRecord } from '../read/otlp.js';
import { assertTelemetryDirectory, listSignalFiles } from '../read/telemetry-files.js';
import type { Diagnosis, LayerTime } from '../types.js';
import { criticalPath } from './critical-path.js';
import { buildTraceTree, walk, type TraceNode } from './trace-tree.js';

/** The layers a request's time is split into; agent, tool and retrieval bookkeeping is the app's own time. */
const LAYER_OF: Readonly<Record<SpanKindOfWork, string>> = {
  model: KIND_LABELS.model,
  vector: KIND_LABELS.vector,
  mcp: KIND_LABELS.mcp,
  tool: 'app',
  retrieval: 'app',
  agent: 'app',
  app: 'app',
};
const LAYERS = [KIND_LABELS.model, KIND_LABELS.vector, KIND_LABELS.mcp, 'app'];

export interface DiagnoseOptions {
  dir: string;
  traceId: string;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** Streams the traces files for one trace's spans (lines without its id are not even parsed) and explains where its time went. */
export async function diagnoseTrace(options: DiagnoseOptions): Promise<Diagnosis> {
  const traceId = options.traceId.trim().toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(traceId)) throw new CliError(`"${options.traceId}" is not a trace id (32 hex digits)`, EXIT_USAGE);
  await assertTelemetryDirectory(options.dir);
  const files = await listSignalFiles(options.dir, 'traces');
  if (files.every((file) => file.size === 0))
    throw new CliError(`no telemetry in ${options.dir}: no non-empty traces*.jsonl file`, EXIT_NO_TELEMETRY);
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  const spans = new Map<string, SpanRecord>();
  const stats = emptyReadStats();
  await forEachJsonLine(
    files,
    (line) =>
      forEachSpan(line, (span) => {
        if (span.traceId === traceId) spans.set(span.spanId, span);
      }),
    {
      stats,
      // OTLP/JSON writes ids as lower-case hex; a line without the id holds none of its spans.
      prefilter: (line) => line.includes(traceId),
      onBytes: options.onProgress && ((done) => options.onProgress!(done, totalBytes)),
    },
  );
  if (spans.size === 0) throw new CliError(`trace ${traceId} is not in ${options.dir}`, EXIT_TRACE_NOT_FOUND);
  return explain(traceId, buildTraceTree([...spans.values()]), stats.skippedLines);
}

function explain(traceId: string, root: TraceNode, skippedLines: number): Diagnosis {
  const nodes: TraceNode[] = [];
  walk(root, (node) => nodes.push(node));
  const total = root.span.durationSeconds;
  const layerTotals = new Map<string, { seconds: number; spans: number }>(LAYERS.map((layer) => [layer, { seconds: 0, spans: 0 }]));
  for (const node of nodes) {
    const tally = layerTotals.get(LAYER_OF[node.kind])!;
    tally.seconds += node.selfSeconds;
    tally.spans++;
  }
  const layers: LayerTime[] = [...layerTotals.entries()]
    .map(([layer, { seconds, spans }]) => ({ layer, seconds, share: total > 0 ? seconds / total : 0, spans }))
    .sort((a, b) => b.seconds - a.seconds);

  const path = criticalPath(root);
  const pathByLayer = new Map<string, number>();
  for (const segment of path)
    pathByLayer.set(LAYER_OF[segment.node.kind], (pathByLayer.get(LAYER_OF[segment.node.kind]) ?? 0) + segment.seconds);
  const [criticalLayer, criticalSeconds] = [...pathByLayer.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['app', 0];
  const slowest = nodes.filter((node) => node.span.spanId !== '').sort((a, b) => b.selfSeconds - a.selfSeconds)[0] ?? root;

  return {
    traceId,
    root: root.span.name,
    durationSeconds: total,
    spans: nodes.map((node) => ({
      spanId: node.span.spanId,
      name: node.span.name,
      layer: KIND_LABELS[node.kind],
      startOffsetSeconds: (node.span.startMs - root.span.startMs) / 1000,
      durationSeconds: node.span.durationSeconds,
      selfSeconds: node.selfSeconds,
      depth: node.depth,
      failed: node.span.statusCode === OTLP_STATUS_ERROR || node.span.attributes[semconv.ATTR_ERROR_TYPE] !== undefined,
    })),
    layers,
    criticalPath: path.map(({ node, seconds }) => ({
      spanId: node.span.spanId,
      name: node.span.name,
      layer: LAYER_OF[node.kind],
      seconds,
    })),
    criticalLayer: { layer: criticalLayer, seconds: criticalSeconds, share: total > 0 ? criticalSeconds / total : 0 },
    slowestSpan: {
      spanId: slowest.span.spanId,
      name: slowest.span.name,
      layer: LAYER_OF[slowest.kind],
      selfSeconds: slowest.selfSeconds,
      durationSeconds: slowest.span.durationSeconds,
    },
    gpu: nodes
      .filter(
        (node) =>
          node.span.attributes[semconv.ATTR_SIGHTLINE_GPU_UTILIZATION_START] !== undefined ||
          node.span.attributes[semconv.ATTR_SIGHTLINE_GPU_ID] !== undefined,
      )
      .map(({ span }) => ({
        spanId: span.spanId,
        name: span.name,
        gpuId: span.attributes[semconv.ATTR_SIGHTLINE_GPU_ID] === undefined ? null : String(span.attributes[semconv.ATTR_SIGHTLINE_GPU_ID]),
        utilizationStart: numberOrNull(span.attributes[semconv.ATTR_SIGHTLINE_GPU_UTILIZATION_START]),
        utilizationEnd: numberOrNull(span.attributes[semconv.ATTR_SIGHTLINE_GPU_UTILIZATION_END]),
        memoryStartBytes: numberOrNull(span.attributes[semconv.ATTR_SIGHTLINE_GPU_MEMORY_USAGE_START]),
        memoryEndBytes: numberOrNull(span.attributes[semconv.ATTR_SIGHTLINE_GPU_MEMORY_USAGE_END]),
      })),
    skippedLines,
  };
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
