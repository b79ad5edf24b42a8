import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { semconv } from '@sightline/core';
import { describe, expect, it } from 'vitest';
import { usePlainComparison, type ComparisonOptions, type Scenario } from './support/compare-with-plain.js';
import { buildLowLevelServer, type ConnectedPair } from './support/fixture-server.js';
import { connectOverPipes } from './support/pipe-pair.js';
import { isProtocolTraffic } from './support/span-attributes.js';

const DOCS = join(import.meta.dirname, '..', '..', '..', 'docs', 'mcp.md');
const NO_SPAN = 'no span';
const OK = 'OK';

interface Row {
  what: string;
  client: string;
  server: string;
}

/** The rows of the table under `## Errors` in docs/mcp.md: a cell is an `error.type` in backticks, `OK` or `no span`. */
function documentedRows(): Row[] {
  const lines = readFileSync(DOCS, 'utf8').split('\n');
  const start = lines.findIndex((line, index) => index > lines.indexOf('## Errors') && line.startsWith('|'));
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('|'));
  return lines.slice(start + 2, end).map((line) => {
    const [what, client, server] = line.split(' | ').map((cell) => cell.replace(/^\| |\s*\|$/g, '').trim());
    return { what: what!, client: cellValue(client!), server: cellValue(server!) };
  });
}

const cellValue = (cell: string): string => /^`([^`]+)`/.exec(cell)?.[1] ?? (cell.startsWith(NO_SPAN) ? NO_SPAN : cell);

const slowCall = (pair: ConnectedPair, options: { timeout?: number; signal?: AbortSignal }) =>
  pair.client.callTool({ name: 'slow', arguments: {} }, undefined, options);
const closeMidCall: Scenario = async (pair) => {
  const pending = pair.client.callTool({ name: 'hang', arguments: {} });
  await new Promise((resolve) => setTimeout(resolve, 20));
  await pair.client.close();
  return pending;
};
const lowLevel: ComparisonOptions = { server: buildLowLevelServer };

/** What makes each row happen, against the real SDK (the fixture servers are McpServer unless `options` says otherwise). */
const SCENARIOS: Record<string, { run: Scenario; options?: ComparisonOptions }> = {
  'a tool returns `isError: true`': { run: (pair) => pair.client.callTool({ name: 'fails', arguments: {} }) },
  'McpServer: the tool throws': { run: (pair) => pair.client.callTool({ name: 'throws', arguments: {} }) },
  'McpServer: unknown tool': { run: (pair) => pair.client.callTool({ name: 'absent', arguments: {} }) },
  'McpServer: invalid tool arguments': { run: (pair) => pair.client.callTool({ name: 'lookup', arguments: { query: 7 } }) },
  'McpServer: unknown prompt (a JSON-RPC error response)': { run: (pair) => pair.client.getPrompt({ name: 'absent' }) },
  'a low-level handler throws an `McpError`': {
    run: (pair) => pair.client.callTool({ name: 'invalid', arguments: {} }),
    options: lowLevel,
  },
  'a low-level handler throws a plain `Error`': {
    run: (pair) => pair.client.callTool({ name: 'crash', arguments: {} }),
    options: lowLevel,
  },
  'a method the server has no handler for': { run: (pair) => pair.client.getPrompt({ name: 'absent' }), options: lowLevel },
  'the request times out (`timeout` option)': { run: (pair) => slowCall(pair, { timeout: 50 }) },
  "the caller's `AbortSignal` aborts": { run: (pair) => slowCall(pair, { signal: AbortSignal.timeout(50) }) },
  'the client closes the connection mid-call': { run: closeMidCall },
  "stdio: the server's input ends mid-call (the client went away)": { run: closeMidCall, options: { connect: connectOverPipes } },
  'a low-level handler answers an invalid `tools/call` result (the server SDK rejects it)': {
    run: (pair) => pair.client.callTool({ name: 'bad-result', arguments: {} }),
    options: lowLevel,
  },
  'anything else, e.g. a call on a closed client (`Not connected`)': {
    run: async (pair) => {
      await pair.client.close();
      return pair.client.listTools();
    },
  },
};

describe("docs/mcp.md's error table, checked against the SDK", () => {
  const comparison = usePlainComparison();
  const rows = documentedRows();

  it('has one scenario per row, and one row per scenario', () => {
    expect(rows.map((row) => row.what).sort()).toEqual(Object.keys(SCENARIOS).sort());
  });

  it.each(rows)('$what: client $client, server $server', async (row) => {
    const scenario = SCENARIOS[row.what]!;
    await comparison.runBoth(scenario.run, scenario.options);
    const telemetry = comparison.telemetry();
    const call = (kind: SpanKind) => (span: ReadableSpan) => span.kind === kind && !isProtocolTraffic(span);
    // The server span of a cancelled request ends when the SDK gives up on it, after the caller's error.
    if (row.server !== NO_SPAN) await expect.poll(() => telemetry.spans().filter(call(SpanKind.SERVER)).length).toBe(1);
    const observed = (kind: SpanKind): string => {
      const spans = telemetry.spans().filter(call(kind));
      if (spans.length === 0) return NO_SPAN;
      const errorType = spans[0]!.attributes[semconv.ATTR_ERROR_TYPE];
      // Every span with an error.type has status ERROR, and only those.
      expect(spans[0]!.status.code).toBe(errorType === undefined ? SpanStatusCode.UNSET : SpanStatusCode.ERROR);
      return errorType === undefined ? OK : String(errorType);
    };
    expect({ client: observed(SpanKind.CLIENT), server: observed(SpanKind.SERVER) }).toEqual({ client: row.client, server: row.server });
  });
});
