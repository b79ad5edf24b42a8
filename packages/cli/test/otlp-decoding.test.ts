import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readFileSpans } from '@sightline/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyReadStats, forEachJsonLine } from '../src/read/json-lines.js';
import { forEachSpan, type SpanRecord } from '../src/read/otlp.js';
import { listSignalFiles } from '../src/read/telemetry-files.js';
import { writeFullWorkload } from './support/full-workload.js';
import { temporaryDirectory } from './support/run-cli.js';
import { generateTelemetry } from './support/telemetry-generator.js';

describe('reading the file exporter output', () => {
  let dir: { path: string; remove(): Promise<void> };
  beforeAll(async () => {
    dir = await temporaryDirectory('decode');
    await generateTelemetry(dir.path, writeFullWorkload, { maxFileBytes: 8192 });
  });
  afterAll(() => dir.remove());

  it('streams the rotated files oldest first and decodes every span as the shared test reader does', async () => {
    const streamed: SpanRecord[] = [];
    const stats = emptyReadStats();
    const files = await listSignalFiles(dir.path, 'traces');
    expect(files.map((file) => file.name)).toEqual([
      ...Array.from({ length: files.length - 1 }, (_, index) => `traces.${files.length - 1 - index}.jsonl`),
      'traces.jsonl',
    ]);
    await forEachJsonLine(files, (line) => forEachSpan(line, (span) => streamed.push(span)), { stats });
    const reference = readFileSpans(dir.path);
    expect(stats.skippedLines).toBe(0);
    expect(
      streamed.map(({ traceId, spanId, parentSpanId, name, kind, attributes, resource }) => ({
        traceId,
        spanId,
        parentSpanId,
        name,
        kind,
        attributes,
        resource,
      })),
    ).toEqual(
      reference.map(({ traceId, spanId, parentSpanId, name, kind, attributes, resource }) => ({
        traceId,
        spanId,
        parentSpanId,
        name,
        kind,
        attributes,
        resource,
      })),
    );
    expect(streamed).toHaveLength(24 + 6 * 3);
  });

  it("reads other processes' telemetry from subdirectories one level down, after the top directory's", async () => {
    const nested = await temporaryDirectory('nested');
    try {
      await mkdir(join(nested.path, 'b-worker', 'deeper'), { recursive: true });
      await mkdir(join(nested.path, 'a-mcp-server'));
      for (const path of [
        'traces.jsonl',
        'traces.1.jsonl',
        'logs.jsonl',
        'b-worker/traces.jsonl',
        'a-mcp-server/traces.jsonl',
        'b-worker/deeper/traces.jsonl',
      ]) {
        await writeFile(join(nested.path, path), '');
      }
      const files = await listSignalFiles(nested.path, 'traces');
      expect(files.map((file) => file.name)).toEqual([
        'traces.1.jsonl',
        'traces.jsonl',
        join('a-mcp-server', 'traces.jsonl'),
        join('b-worker', 'traces.jsonl'),
      ]);
    } finally {
      await nested.remove();
    }
  });
});
