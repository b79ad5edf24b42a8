import { SpanKind, type SpanContext } from '@opentelemetry/api';
import { semconv } from '@sightline/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnosis } from '../src/index.js';
import { sightline, temporaryDirectory } from './support/run-cli.js';
import { generateTelemetry, T0, type Generator } from './support/telemetry-generator.js';

/**
 * An agent request of 1.2 s: a model call decides to search (150 ms), the tool's
 * retriever spends 700 ms of its 760 ms in one Chroma query, an MCP tool takes
 * 100 ms, and a final model call on a self-hosted GPU answers in 150 ms.
 */
function agentTrace(generator: Generator): SpanContext {
  const at = (ms: number) => T0 + ms;
  const root = generator.spanTree(
    {
      name: 'invoke_agent support',
      startMs: at(0),
      durationMs: 1200,
      attributes: { [semconv.ATTR_GEN_AI_OPERATION_NAME]: 'invoke_agent', [semconv.ATTR_GEN_AI_AGENT_NAME]: 'support' },
      children: [
        {
          name: 'execute_tool search_docs',
          startMs: at(160),
          durationMs: 780,
          attributes: { [semconv.ATTR_GEN_AI_OPERATION_NAME]: 'execute_tool', [semconv.ATTR_GEN_AI_TOOL_NAME]: 'search_docs' },
          children: [
            {
              name: 'retrieval docs',
              startMs: at(170),
              durationMs: 760,
              attributes: { [semconv.ATTR_GEN_AI_OPERATION_NAME]: 'retrieval' },
              children: [
                {
                  name: 'query docs',
                  kind: SpanKind.CLIENT,
                  startMs: at(200),
                  durationMs: 700,
                  attributes: {
                    [semconv.ATTR_DB_SYSTEM_NAME]: 'chroma',
                    [semconv.ATTR_DB_OPERATION_NAME]: 'query',
                    [semconv.ATTR_DB_COLLECTION_NAME]: 'docs',
                  },
                },
              ],
            },
          ],
        },
        {
          name: 'tools/call lookup_order',
          kind: SpanKind.CLIENT,
          startMs: at(940),
          durationMs: 100,
          attributes: { [semconv.ATTR_MCP_METHOD_NAME]: 'tools/call', [semconv.ATTR_GEN_AI_TOOL_NAME]: 'lookup_order' },
        },
      ],
    },
    { team: 'search', feature: 'support' },
  );
  generator.modelCall(
    { tags: { team: 'search' }, model: 'gpt-4o', inputTokens: 500, outputTokens: 20, costUsd: 0.01, startMs: at(5), durationMs: 150 },
    root,
  );
  generator.modelCall(
    {
      tags: { team: 'search' },
      model: 'llama3.1:8b',
      inputTokens: 900,
      outputTokens: 120,
      startMs: at(1045),
      durationMs: 150,
      gpu: { id: 'GPU-0', utilizationStart: 0.35, utilizationEnd: 0.9, memoryStart: 8 * 2 ** 30, memoryEnd: 9 * 2 ** 30 },
    },
    root,
  );
  return root;
}

describe('sightline diagnose', () => {
  let dir: { path: string; remove(): Promise<void> };
  let traceId = '';
  beforeAll(async () => {
    dir = await temporaryDirectory('diagnose');
    await generateTelemetry(dir.path, async (generator) => {
      // Another request before and after, in other export lines, so the reader must pick out one trace.
      generator.spanTree({ name: 'invoke_agent other', startMs: T0 - 5000, durationMs: 50 });
      await generator.flush();
      traceId = agentTrace(generator).traceId;
      await generator.flush();
      generator.spanTree({ name: 'invoke_agent later', startMs: T0 + 5000, durationMs: 50 });
    });
  });
  afterAll(() => dir.remove());

  it('names the vector store as the critical layer and the Chroma query as the slowest span', async () => {
    const run = await sightline(['diagnose', traceId.toUpperCase(), dir.path, '--json']);
    expect(run.code).toBe(0);
    const diagnosis = JSON.parse(run.stdout) as Diagnosis;
    expect(diagnosis.criticalLayer).toEqual({ layer: 'vector store', seconds: 0.7, share: 0.7 / 1.2 });
    expect(diagnosis.slowestSpan).toMatchObject({ name: 'query docs', layer: 'vector store', selfSeconds: 0.7, durationSeconds: 0.7 });
    expect(diagnosis.root).toBe('invoke_agent support');
    expect(diagnosis.durationSeconds).toBe(1.2);
    const layers = Object.fromEntries(diagnosis.layers.map((layer) => [layer.layer, [round(layer.seconds), layer.spans]]));
    // App: the agent's 1.2 s less its children (5–155 ms model, 160–940 tool, 940–1040 MCP, 1045–1195 model) = 0.02 s,
    // plus the tool's 20 ms and the retriever's 60 ms of their own.
    expect(layers).toEqual({ 'vector store': [0.7, 1], 'model provider': [0.3, 2], 'MCP tool': [0.1, 1], app: [0.1, 3] });
  });

  it('lists the critical path through the spans the request waited on, in order', async () => {
    const diagnosis = JSON.parse((await sightline(['diagnose', traceId, dir.path, '--json'])).stdout) as Diagnosis;
    expect(diagnosis.criticalPath.map((step) => [step.name, step.layer, round(step.seconds)])).toEqual([
      ['invoke_agent support', 'app', 0.02],
      ['chat gpt-4o', 'model provider', 0.15],
      ['execute_tool search_docs', 'app', 0.02],
      ['retrieval docs', 'app', 0.06],
      ['query docs', 'vector store', 0.7],
      ['tools/call lookup_order', 'MCP tool', 0.1],
      ['chat llama3.1:8b', 'model provider', 0.15],
    ]);
    const total = diagnosis.criticalPath.reduce((sum, step) => sum + step.seconds, 0);
    expect(round(total)).toBe(1.2);
  });

  it('shows the GPU snapshot of the self-hosted model call and a readable waterfall', async () => {
    const run = await sightline(['diagnose', traceId, dir.path]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`Trace ${traceId}: invoke_agent support, 1.20 s, 7 spans`);
    expect(run.stdout).toContain('Critical layer: vector store (700 ms, 58% of the request)');
    expect(run.stdout).toContain('Slowest span: query docs (vector store, 700 ms own time of 700 ms)');
    expect(run.stdout).toContain('GPU GPU-0 during chat llama3.1:8b: utilization 35% → 90%, memory 8.0 GiB → 9.0 GiB');
    // 30 columns for 1.2 s: the query starts at column 5 (200 ms) and fills 18 (700 ms), indented under the retriever.
    expect(lines).toContain('     ██████████████████          700 ms        query docs');
  });
});

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
