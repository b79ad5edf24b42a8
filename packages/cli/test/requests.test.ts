import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/index.js';
import { writeRequestWorkload } from './support/request-workload.js';
import { sightline, temporaryDirectory } from './support/run-cli.js';
import { T0 } from './support/telemetry-generator.js';
import { usageRow } from './support/usage-row.js';

const row = usageRow;

describe('the report counts requests, not model calls (see support/request-workload.ts)', () => {
  let dir: { path: string; remove(): Promise<void> };
  let telemetry: string;
  let report: Report;

  beforeAll(async () => {
    dir = await temporaryDirectory('requests');
    telemetry = join(dir.path, '.sightline');
    await writeRequestWorkload(telemetry);
    const run = await sightline(['report', telemetry, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    report = JSON.parse(run.stdout) as Report;
  });
  afterAll(() => dir.remove());

  it("counts 3 requests in 4 model calls: the remote-parent root is a request, the other process's server span and the setup call are not", () => {
    // 12 spans from the agent's process, 2 from the order service's.
    expect(report.input).toMatchObject({ spans: 14, requests: 3, outsideRequests: 1, modelCalls: 4 });
    expect(report.totals).toEqual(
      row({
        requests: 3,
        modelCalls: 4,
        inputTokens: 6400,
        outputTokens: 530,
        cacheReadInputTokens: 1400,
        reasoningOutputTokens: 158,
        costUsd: 0.875,
        // The cost of every request's calls over the requests: not over the 4 calls, not over the 3 priced ones.
        costPerRequestUsd: 0.875 / 3,
        unpricedModelCalls: 1,
        // Call durations 0.3, 0.4, 0.6, 1.0 s.
        latencyP50Seconds: 0.4,
        latencyP95Seconds: 1,
        // Streamed: 0.125, 0.25, 0.5 s; the gpt-4o call was not streamed and is not a zero.
        streamedCalls: 3,
        timeToFirstTokenP50Seconds: 0.25,
        timeToFirstTokenP95Seconds: 0.5,
        // Only the agent request failed (its track_shipment MCP call); no model call did.
        failedRequests: 1,
        requestErrorRate: 1 / 3,
      }),
    );
  });

  it('gives each row its requests, model calls, cost per request, first-token times and request errors', () => {
    expect(report.groups).toEqual([
      {
        key: { team: 'search', feature: 'faq', model: 'gpt-4o' },
        ...row({
          inputTokens: 3000,
          outputTokens: 300,
          reasoningOutputTokens: 128,
          costUsd: 0.5,
          costPerRequestUsd: 0.5,
          latencyP50Seconds: 1,
          latencyP95Seconds: 1,
        }),
      },
      {
        // One request with two calls: cost per request is their sum, and the request failed though neither call did.
        key: { team: 'support', feature: 'orders', model: 'gpt-4o-mini' },
        ...row({
          modelCalls: 2,
          inputTokens: 3000,
          outputTokens: 150,
          cacheReadInputTokens: 1400,
          reasoningOutputTokens: 30,
          costUsd: 0.375,
          costPerRequestUsd: 0.375,
          latencyP50Seconds: 0.4,
          latencyP95Seconds: 0.6,
          streamedCalls: 2,
          timeToFirstTokenP50Seconds: 0.25,
          timeToFirstTokenP95Seconds: 0.5,
          failedRequests: 1,
          requestErrorRate: 1,
        }),
      },
      {
        // Unpriced: no cost per request (unknown), never $0.
        key: { team: 'billing', feature: 'faq', model: 'llama3.1' },
        ...row({
          inputTokens: 400,
          outputTokens: 80,
          unpricedModelCalls: 1,
          latencyP50Seconds: 0.3,
          latencyP95Seconds: 0.3,
          streamedCalls: 1,
          timeToFirstTokenP50Seconds: 0.125,
          timeToFirstTokenP95Seconds: 0.125,
        }),
      },
    ]);
  });

  it('rates errors per layer: failed spans per layer, and the share of requests the layer failed in', () => {
    expect(report.errorsByLayer).toEqual({
      model: { spans: 4, failedSpans: 0, spanErrorRate: 0, failedRequests: 0, requestErrorRate: 0 },
      // LangChain's execute_tool spans; the MCP client spans under them are MCP work.
      tool: { spans: 2, failedSpans: 1, spanErrorRate: 0.5, failedRequests: 1, requestErrorRate: 1 / 3 },
      // Two client spans and the order service's server span, which failed too.
      mcp: { spans: 3, failedSpans: 2, spanErrorRate: 2 / 3, failedRequests: 1, requestErrorRate: 1 / 3 },
      // The query, and the setup call outside any request.
      vector: { spans: 2, failedSpans: 0, spanErrorRate: 0, failedRequests: 0, requestErrorRate: 0 },
    });
  });

  it('prints the new columns, the unpriced legend and the error line', async () => {
    const run = await sightline(['report', telemetry]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[1]).toBe(
      `3 requests, 4 model calls in 14 spans from ${report.input.files} files; 1 call outside any request (setup or background)`,
    );
    expect(lines.slice(3, 9)).toEqual([
      'team     feature  model        requests  model calls  in tok  cached in  out tok  reasoning      cost  cost/request     p50     p95  TTFT p50  TTFT p95  errors',
      '───────  ───────  ───────────  ────────  ───────────  ──────  ─────────  ───────  ─────────  ────────  ────────────  ──────  ──────  ────────  ────────  ──────',
      'search   faq      gpt-4o              1            1   3,000          0      300        128     $0.50         $0.50  1.00 s  1.00 s         —         —      0%',
      'support  orders   gpt-4o-mini         1            2   3,000      1,400      150         30     $0.38         $0.38  400 ms  600 ms    250 ms    500 ms    100%',
      'billing  faq      llama3.1            1            1     400          0       80          0  unpriced      unpriced  300 ms  300 ms    125 ms    125 ms      0%',
      'TOTAL                                 3            4   6,400      1,400      530        158    $0.88*        $0.29*  400 ms  1.00 s    250 ms    500 ms     33%',
    ]);
    expect(lines[9]).toBe(
      '* 1 of 4 model calls are unpriced (no sightline.cost.usd: the model has no catalog price, or the provider reported no usage). ' +
        'Their cost is unknown, not $0: it is left out of cost and cost/request, which are lower bounds where marked *; "unpriced" means no call of the row is priced.',
    );
    expect(run.stdout).toContain(
      'Errors: 1 of 3 requests failed (33%). Requests with a failure per layer: model 0% (0 of 4 spans failed), tool 33% (1 of 2 spans failed), ' +
        'MCP 33% (2 of 3 spans failed), vector 0% (0 of 2 spans failed).\n',
    );
    expect(run.stdout).not.toMatch(/\$0\.00\*/);
  });

  it('keeps a request whole across the --since cut-off: spans before it still link their children', async () => {
    // The agent root starts at T0, before the cut-off; its four children after it would be four requests if it did not link them.
    const run = await sightline(['report', telemetry, '--since', new Date(T0 + 5).toISOString(), '--json']);
    const recent = JSON.parse(run.stdout) as Report;
    expect(recent.input).toMatchObject({ spans: 12, requests: 3, outsideRequests: 0, modelCalls: 4 });
    expect(recent.totals).toMatchObject({ requests: 3, failedRequests: 1, costPerRequestUsd: 0.875 / 3 });
  });
});
