import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { telemetryFileRotation } from '@sightline/core';

/** One span as read back from an OTLP/JSON traces file. */
export interface FileSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  status: { code?: number; message?: string };
  resource: Record<string, unknown>;
  scope: string;
}

interface OtlpKeyValue {
  key: string;
  value: Record<string, unknown>;
}

/**
 * Every `*.jsonl` line of `signal` in `dir` and in its subdirectories one level
 * down (other processes' telemetry), oldest rotated file first, parsed. Throws on an invalid line.
 */
export function readOtlpLines(dir: string, signal: 'traces' | 'metrics' | 'logs'): unknown[] {
  const subdirectories = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return [dir, ...subdirectories.map((name) => join(dir, name))].flatMap((each) => readSignalFiles(each, signal));
}

function readSignalFiles(dir: string, signal: string): unknown[] {
  const files = readdirSync(dir)
    .map((name) => ({ name, index: telemetryFileRotation(signal, name) }))
    .filter((file): file is { name: string; index: number } => file.index !== undefined)
    .sort((a, b) => b.index - a.index);
  const lines: unknown[] = [];
  for (const file of files) {
    for (const line of readFileSync(join(dir, file.name), 'utf8').split('\n')) {
      if (line.trim() !== '') lines.push(JSON.parse(line));
    }
  }
  return lines;
}

/** The spans in `dir`'s traces files, flattened, with attributes decoded to plain values. */
export function readFileSpans(dir: string): FileSpan[] {
  const spans: FileSpan[] = [];
  for (const request of readOtlpLines(dir, 'traces') as { resourceSpans: ResourceSpans[] }[]) {
    for (const resourceSpans of request.resourceSpans) {
      const resource = decodeAttributes(resourceSpans.resource?.attributes);
      for (const scopeSpans of resourceSpans.scopeSpans) {
        for (const span of scopeSpans.spans) {
          spans.push({
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId || undefined,
            name: span.name,
            kind: span.kind,
            attributes: decodeAttributes(span.attributes),
            status: span.status ?? {},
            resource,
            scope: scopeSpans.scope?.name ?? '',
          });
        }
      }
    }
  }
  return spans;
}

interface ResourceSpans {
  resource?: { attributes?: OtlpKeyValue[] };
  scopeSpans: {
    scope?: { name?: string };
    spans: {
      traceId: string;
      spanId: string;
      parentSpanId?: string;
      name: string;
      kind: number;
      attributes?: OtlpKeyValue[];
      status?: { code?: number; message?: string };
    }[];
  }[];
}

export function decodeAttributes(attributes: OtlpKeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((attributes ?? []).map(({ key, value }) => [key, decodeValue(value)]));
}

function decodeValue(value: Record<string, unknown>): unknown {
  if ('stringValue' in value) return value.stringValue;
  if ('boolValue' in value) return value.boolValue;
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return Number(value.doubleValue);
  if ('arrayValue' in value) {
    const values = (value.arrayValue as { values?: Record<string, unknown>[] }).values ?? [];
    return values.map(decodeValue);
  }
  return value;
}
