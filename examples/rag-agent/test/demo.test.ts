import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { semconv } from '@sightline/core';
import { readFileSpans, type FileSpan } from '@sightline/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../../packages/mcp/test/support/built-packages.js';
import { runDemo, type DemoResult } from '../src/run-demo.js';
import { ancestry, readFileLogRecords, treeOf, type TreeNode } from './support/file-telemetry.js';

const exampleDir = join(import.meta.dirname, '..');
const OTLP_SERVER = 2;
const OTLP_CLIENT = 3;
const OTLP_INTERNAL = 1;

let work: string;
let result: DemoResult;
let spans: FileSpan[];

// One full run (60 requests, Chroma and the MCP server as real child processes); the tests read what it wrote.
beforeAll(async () => {
  // The order-service child process runs the built server, which imports the built core and mcp.
  ensureBuilt(['core', 'mcp']);
  execFileSync('pnpm', ['build'], { cwd: exampleDir, stdio: 'pipe' });
  work = mkdtempSync(join(tmpdir(), 'sightline-demo-'));
  result = await runDemo({
    dir: join(work, '.sightline'),
    htmlPath: join(work, 'report.html'),
    mcpServerScript: join(exampleDir, 'dist', 'mcp-server.js'),
    log: () => undefined,
  });
  spans = readFileSpans(result.dir);
}, 180_000);
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const node = (name: string, kind: number, service: string, children: TreeNode[] = []): TreeNode => ({ name, kind, service, children });
const app = (name: string, children: TreeNode[] = []) => node(name, OTLP_INTERNAL, 'support-bot', children);
const modelStep = () => app('model_request', [node('chat gpt-4o-mini', OTLP_CLIENT, 'support-bot'), app('RunnableLambda')]);

/** "Can I still change order …?": the agent looks the order up over MCP and searches the policy docs in Chroma. */
const changeOrderTree = (): TreeNode =>
  node('POST /support/chat', OTLP_SERVER, 'support-bot', [
    app('invoke_agent support-agent', [
      modelStep(),
      modelStep(),
      app('tools', [
        app('execute_tool lookup_order', [
          node('tools/call lookup_order', OTLP_CLIENT, 'support-bot', [
            node('tools/call lookup_order', OTLP_SERVER, 'order-service', [node('orders.read', OTLP_INTERNAL, 'order-service')]),
          ]),
        ]),
      ]),
      app('tools', [
        app('execute_tool search_docs', [app('retrieval ProductDocsRetriever', [node('query product-docs', OTLP_CLIENT, 'support-bot')])]),
      ]),
    ]),
  ]);

function traceOf(team: string, questionStart: string): FileSpan[] {
  const outcome = result.outcomes.find(
    (candidate) => candidate.request.team === team && candidate.request.question.startsWith(questionStart),
  );
  expect(outcome, `${team}: ${questionStart}`).toBeDefined();
  return spans.filter((span) => span.traceId === outcome!.traceId);
}

const only = (trace: FileSpan[], name: string, kind: number): FileSpan => {
  const matches = trace.filter((span) => span.name === name && span.kind === kind);
  expect(matches, `${name} (kind ${kind})`).toHaveLength(1);
  return matches[0]!;
};

describe('the demo, run in full', () => {
  it('serves all 60 requests of both teams and writes the report, the HTML and a diagnose', () => {
    expect(result.outcomes).toHaveLength(60);
    expect(result.outcomes.filter((outcome) => outcome.error !== undefined)).toEqual([]);
    expect(new Set(result.outcomes.map((outcome) => `${outcome.request.team}/${outcome.request.feature}`)).size).toBe(6);
    expect(result.gpuStatus).toMatch(/^(unavailable|running)/);
    // Startup work (Chroma setup, the MCP handshake) is outside any request.
    expect(result.report.totals.requests).toBe(60);
    expect(result.report.input.outsideRequests).toBeGreaterThan(0);
    // Two model calls per request (one for the refused one), plus the returns desk's direct client call per return.
    expect(result.report.totals.modelCalls).toBe(139);
    expect(result.report.errorsByLayer.mcp.failedRequests).toBeGreaterThan(0);
    expect(result.report.insights.rightSizing.map((row) => [row.model, row.cheaperModel])).toContainEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(result.report.insights.redundantCalls.redundantCalls).toBeGreaterThan(0);
    expect(result.text).toContain(`Trace ${result.diagnosedTraceId}`);
    expect(readFileSync(join(work, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    expect(existsSync(join(result.dir, 'traces.jsonl'))).toBe(true);
  });

  it.each(['search', 'support'])('team %s: one connected trace across the agent, Chroma and the MCP server process', (team) => {
    const spansOfTrace = traceOf(team, 'Can I still change order');
    // Evaluations are sampled, so a breach (a short span under the evaluated model span) may or may not be here.
    const breaches = spansOfTrace.filter((span) => span.name === semconv.SPAN_SIGHTLINE_EVAL_BREACH);
    const trace = spansOfTrace.filter((span) => !breaches.includes(span));
    for (const breach of breaches) {
      expect(trace.find((span) => span.spanId === breach.parentSpanId)?.name).toBe('chat gpt-4o-mini');
      expect(breach.attributes[semconv.ATTR_SIGHTLINE_EVAL_BREACH]).toBe(true);
    }
    const root = trace.find((span) => span.parentSpanId === undefined)!;
    expect(treeOf(trace, root)).toEqual(changeOrderTree());

    // The SERVER span was written by the child process, parented to the client span, under the caller's tags.
    const client = only(trace, 'tools/call lookup_order', OTLP_CLIENT);
    const server = only(trace, 'tools/call lookup_order', OTLP_SERVER);
    expect(server.parentSpanId).toBe(client.spanId);
    expect(server.resource[semconv.ATTR_SERVICE_NAME]).toBe('order-service');
    expect(server.attributes).toMatchObject({
      [semconv.ATTR_MCP_METHOD_NAME]: 'tools/call',
      [semconv.ATTR_GEN_AI_TOOL_NAME]: 'lookup_order',
    });
    const tags = { project: 'support-bot', team, cost_center: `cc-${team}`, feature: 'orders', environment: 'dev' };
    for (const span of trace) expect(span.attributes, span.name).toMatchObject(tags);

    const chroma = only(trace, 'query product-docs', OTLP_CLIENT);
    expect(chroma.attributes).toMatchObject({ [semconv.ATTR_DB_SYSTEM_NAME]: 'chroma', [semconv.ATTR_DB_COLLECTION_NAME]: 'product-docs' });
    expect(ancestry(trace, chroma)).toEqual([
      'query product-docs',
      'retrieval ProductDocsRetriever',
      'execute_tool search_docs',
      'tools',
      'invoke_agent support-agent',
      'POST /support/chat',
    ]);

    // Each model span carries its own usage and the catalog cost of gpt-4o-mini ($0.15 / $0.60 per 1M tokens).
    for (const chat of trace.filter((span) => span.name === 'chat gpt-4o-mini')) {
      const input = chat.attributes[semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS] as number;
      const output = chat.attributes[semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS] as number;
      expect(input).toBeGreaterThan(100);
      expect(chat.attributes[semconv.ATTR_SIGHTLINE_COST_USD]).toBeCloseTo((input * 0.15 + output * 0.6) / 1e6, 12);
    }
  });

  it('records the returns desk call, made through the openai client outside LangChain, in the same request and under its tags', () => {
    const trace = traceOf('support', 'What is your return policy?');
    const root = trace.find((span) => span.parentSpanId === undefined)!;
    const direct = trace.filter((span) => span.parentSpanId === root.spanId && span.name === 'chat gpt-4o-mini');
    expect(direct).toHaveLength(1);
    expect(direct[0]!.kind).toBe(OTLP_CLIENT);
    expect(direct[0]!.attributes).toMatchObject({
      [semconv.ATTR_GEN_AI_PROVIDER_NAME]: semconv.GEN_AI_PROVIDER_OPENAI,
      [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: 'gpt-4o-mini-2024-07-18',
      project: 'support-bot',
      team: 'support',
      feature: 'returns',
    });
    const input = direct[0]!.attributes[semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS] as number;
    const output = direct[0]!.attributes[semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS] as number;
    expect(direct[0]!.attributes[semconv.ATTR_SIGHTLINE_COST_USD]).toBeCloseTo((input * 0.15 + output * 0.6) / 1e6, 12);
  });

  it('records evaluation results parented to the model span that answered: the judge criteria and the rules', () => {
    const trace = traceOf('support', 'Can I still change order');
    const records = readFileLogRecords(result.dir).filter((record) => record.eventName === semconv.EVENT_GEN_AI_EVALUATION_RESULT);
    const chats = trace.filter((span) => span.name === 'chat gpt-4o-mini');
    const namesFor = (span: FileSpan) =>
      records
        .filter((record) => record.traceId === span.traceId && record.spanId === span.spanId)
        .map((record) => record.attributes[semconv.ATTR_GEN_AI_EVALUATION_NAME])
        .sort();
    // The tool-calling steps have no answer, so the handler submits only the answering step.
    expect(chats.map(namesFor).filter((names) => names.length > 0)).toEqual([['groundedness', 'pii', 'refusal', 'relevance', 'secrets']]);
    expect(chats.map(namesFor).filter((names) => names.length === 0)).toHaveLength(chats.length - 1);
    const teams = new Set(records.map((record) => record.attributes.team));
    expect([...teams].sort()).toEqual(['search', 'support']);
  });

  it('records the flaky carrier tool: a tool error and a client timeout, each failing its execute_tool span', () => {
    const tracking = spans.filter((span) => span.name === 'tools/call track_shipment' && span.kind === OTLP_CLIENT);
    const errorTypes = tracking.map((span) => span.attributes[semconv.ATTR_ERROR_TYPE]).filter(Boolean);
    expect(errorTypes).toContain(semconv.ERROR_TYPE_TOOL_ERROR);
    expect(errorTypes).toContain(semconv.ERROR_TYPE_TIMEOUT);
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    for (const failed of tracking.filter((span) => span.attributes[semconv.ATTR_ERROR_TYPE] !== undefined)) {
      const tool = byId.get(failed.parentSpanId!)!;
      expect(tool.name).toBe('execute_tool track_shipment');
      expect(tool.status.code).toBe(2); // OTLP STATUS_CODE_ERROR
    }
  });
});
