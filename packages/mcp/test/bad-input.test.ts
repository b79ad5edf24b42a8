import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { semconv } from '@sightline/core';
import { describe, expect, it } from 'vitest';
import { usePlainComparison } from './support/compare-with-plain.js';
import { buildLowLevelServer, type PairOptions } from './support/fixture-server.js';
import { isProtocolTraffic } from './support/span-attributes.js';

type Scenario = (client: Client) => Promise<unknown>;

describe('MCP failures and untrusted input', () => {
  const comparison = usePlainComparison();
  const telemetry = () => comparison.telemetry();

  /** Runs the scenario on a plain pair and on an instrumented one; the caller must see the same outcome. */
  const runBoth = (scenario: Scenario, options: Omit<PairOptions, 'instrument'> = {}): Promise<unknown> =>
    comparison.runBoth(
      (pair) => scenario(pair.client),
      options,
      (run) => telemetry().obs.withTags({ team: 'search' }, run),
    );

  const spansOf = (kind: SpanKind): ReadableSpan[] =>
    telemetry()
      .spans()
      .filter((span) => span.kind === kind && !isProtocolTraffic(span));
  const failure = (span: ReadableSpan | undefined) => ({
    errorType: span?.attributes[semconv.ATTR_ERROR_TYPE],
    status: span?.status.code,
  });

  async function clientErrorTypes(): Promise<unknown[]> {
    const points = await telemetry().points(semconv.METRIC_MCP_CLIENT_OPERATION_DURATION);
    return points.filter((p) => !isProtocolTraffic(p)).map((p) => p.attributes[semconv.ATTR_ERROR_TYPE]);
  }

  it('a tool result with isError: tool_error on both spans and the metric, result unchanged', async () => {
    const outcome = await runBoth((client) => client.callTool({ name: 'fails', arguments: {} }));
    expect(outcome).toEqual({ value: { content: [{ type: 'text', text: 'no such order' }], isError: true } });
    const toolError = { errorType: semconv.ERROR_TYPE_TOOL_ERROR, status: SpanStatusCode.ERROR };
    expect(failure(spansOf(SpanKind.CLIENT)[0])).toEqual(toolError);
    expect(failure(spansOf(SpanKind.SERVER)[0])).toEqual(toolError);
    expect(await clientErrorTypes()).toEqual([semconv.ERROR_TYPE_TOOL_ERROR]);
  });

  it('a tool that throws (McpServer turns it into isError): tool_error, same result', async () => {
    const outcome = await runBoth((client) => client.callTool({ name: 'throws', arguments: {} }));
    expect(outcome).toEqual({ value: { content: [{ type: 'text', text: 'database is down' }], isError: true } });
    expect(failure(spansOf(SpanKind.CLIENT)[0])).toEqual({ errorType: 'tool_error', status: SpanStatusCode.ERROR });
    expect(failure(spansOf(SpanKind.SERVER)[0])).toEqual({ errorType: 'tool_error', status: SpanStatusCode.ERROR });
  });

  it('a low-level handler that throws: error.type is the JSON-RPC code on both sides, same error', async () => {
    const options = { server: buildLowLevelServer };
    const crashed = await runBoth((client) => client.callTool({ name: 'crash', arguments: {} }), options);
    expect(crashed).toMatchObject({ error: { class: 'McpError', code: -32603, message: 'MCP error -32603: handler crashed' } });
    expect(failure(spansOf(SpanKind.CLIENT)[0])).toEqual({ errorType: '-32603', status: SpanStatusCode.ERROR });
    expect(failure(spansOf(SpanKind.SERVER)[0])).toEqual({ errorType: '-32603', status: SpanStatusCode.ERROR });

    const invalid = await runBoth((client) => client.callTool({ name: 'invalid', arguments: {} }), options);
    expect(invalid).toMatchObject({ error: { class: 'McpError', code: -32602, data: { field: 'query' } } });
    expect(failure(spansOf(SpanKind.CLIENT)[0])).toEqual({ errorType: '-32602', status: SpanStatusCode.ERROR });
    expect(failure(spansOf(SpanKind.SERVER)[0])).toEqual({ errorType: '-32602', status: SpanStatusCode.ERROR });
  });

  it('a method the server lacks: the client span carries -32601 and no server span exists', async () => {
    const outcome = await runBoth((client) => client.getPrompt({ name: 'absent' }), { server: buildLowLevelServer });
    expect(outcome).toMatchObject({ error: { class: 'McpError', code: -32601 } });
    expect(failure(spansOf(SpanKind.CLIENT)[0])).toEqual({ errorType: '-32601', status: SpanStatusCode.ERROR });
    expect(spansOf(SpanKind.SERVER)).toEqual([]);
  });

  it('a timeout: error.type=timeout on the client; the server span ends as cancelled', async () => {
    const outcome = await runBoth((client) => client.callTool({ name: 'slow', arguments: {} }, undefined, { timeout: 50 }));
    expect(outcome).toMatchObject({ error: { class: 'McpError', code: -32001, data: { timeout: 50 } } });
    expect(failure(spansOf(SpanKind.CLIENT)[0])).toEqual({ errorType: 'timeout', status: SpanStatusCode.ERROR });
    await expect.poll(() => failure(spansOf(SpanKind.SERVER)[0])).toEqual({ errorType: 'cancelled', status: SpanStatusCode.ERROR });
    expect(await clientErrorTypes()).toEqual(['timeout']);
    // The SDK sends the cancellation past notification(), so without _meta: its span joins the request it cancels.
    const served = spansOf(SpanKind.SERVER)[0]!;
    const cancellation = telemetry()
      .spans()
      .filter((span) => span.name === 'notifications/cancelled');
    expect(
      cancellation.map((span) => ({ kind: span.kind, trace: span.spanContext().traceId, parent: span.parentSpanContext?.spanId })),
    ).toEqual([{ kind: SpanKind.SERVER, trace: served.spanContext().traceId, parent: served.spanContext().spanId }]);
    expect(cancellation[0]!.attributes).toMatchObject({ team: 'search' });
  });

  it('a transport closed mid-call ends both spans with an error, and the caller gets the SDK error', async () => {
    const closeMidCall: Scenario = async (client) => {
      const pending = client.callTool({ name: 'hang', arguments: {} });
      await new Promise((resolve) => setTimeout(resolve, 20));
      await client.close();
      return pending;
    };
    const outcome = await runBoth(closeMidCall);
    expect(outcome).toMatchObject({ error: { class: 'McpError', code: -32000, message: 'MCP error -32000: Connection closed' } });
    expect(failure(spansOf(SpanKind.CLIENT)[0])).toEqual({ errorType: '-32000', status: SpanStatusCode.ERROR });
    expect(failure(spansOf(SpanKind.SERVER)[0])).toEqual({ errorType: 'cancelled', status: SpanStatusCode.ERROR });
  });
});
