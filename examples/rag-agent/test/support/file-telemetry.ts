import { semconv } from '@sightline/core';
import { decodeAttributes, readOtlpLines, type FileSpan } from '@sightline/testing';

/** A span tree read back from the files, children sorted by name (files carry no start order we rely on). */
export interface TreeNode {
  name: string;
  kind: number;
  service: unknown;
  children: TreeNode[];
}

/** The tree under `root`, following parentSpanId links within its trace, across every process that wrote to the files. */
export function treeOf(spans: readonly FileSpan[], root: FileSpan): TreeNode {
  const children = spans
    .filter((span) => span.traceId === root.traceId && span.parentSpanId === root.spanId)
    .map((child) => treeOf(spans, child))
    .sort((a, b) => a.name.localeCompare(b.name) || JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return { name: root.name, kind: root.kind, service: root.resource[semconv.ATTR_SERVICE_NAME], children };
}

/** Span names from `span` up to its trace root. */
export function ancestry(spans: readonly FileSpan[], span: FileSpan): string[] {
  const byId = new Map(spans.map((candidate) => [`${candidate.traceId}/${candidate.spanId}`, candidate]));
  const names = [span.name];
  for (let current = span; current.parentSpanId !== undefined; ) {
    const parent = byId.get(`${current.traceId}/${current.parentSpanId}`);
    if (parent === undefined) throw new Error(`${current.name} has a parent ${current.parentSpanId} that is not in the files`);
    names.push(parent.name);
    current = parent;
  }
  return names;
}

export interface FileLogRecord {
  eventName: string | undefined;
  traceId: string | undefined;
  spanId: string | undefined;
  attributes: Record<string, unknown>;
}

interface LogsRequest {
  resourceLogs: { scopeLogs: { logRecords: { eventName?: string; traceId?: string; spanId?: string; attributes?: never }[] }[] }[];
}

/** Every log record in the logs files, flattened. */
export function readFileLogRecords(dir: string): FileLogRecord[] {
  const records: FileLogRecord[] = [];
  for (const request of readOtlpLines(dir, 'logs') as LogsRequest[]) {
    for (const resourceLogs of request.resourceLogs) {
      for (const scopeLogs of resourceLogs.scopeLogs) {
        for (const record of scopeLogs.logRecords) {
          records.push({
            eventName: record.eventName,
            traceId: record.traceId,
            spanId: record.spanId,
            attributes: decodeAttributes(record.attributes),
          });
        }
      }
    }
  }
  return records;
}
