import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { semconv } from '@sightline/core';
import { describe, expect, it } from 'vitest';
import { expectCallPair, usePlainComparison } from './support/compare-with-plain.js';
import { buildLowLevelServer, type ConnectedPair } from './support/fixture-server.js';
import { NO_TAGS, isProtocolTraffic, toolCallAttributes } from './support/span-attributes.js';

const callAttributes = (tool: string, errorType: string) => toolCallAttributes(tool, { [semconv.ATTR_ERROR_TYPE]: errorType, ...NO_TAGS });

// Regression tests for issue 19: the status message a peer sees, and a caller's abort.
describe('MCP error status and cancellation', () => {
  const comparison = usePlainComparison();
  const calls = (): ReadableSpan[] =>
    comparison
      .telemetry()
      .spans()
      .filter((span) => !isProtocolTraffic(span));

  it('a JSON-RPC error: the status message is the wire message, prefixed once, on both sides', async () => {
    const outcome = await comparison.runBoth((pair) => pair.client.callTool({ name: 'invalid', arguments: {} }), {
      server: buildLowLevelServer,
    });
    // The SDK itself doubles the prefix in the error the caller gets; that stays the caller's.
    expect(outcome).toMatchObject({ error: { message: 'MCP error -32602: MCP error -32602: bad arguments' } });
    expectCallPair(calls(), 'tools/call invalid', {
      ...callAttributes('invalid', '-32602'),
      [semconv.ATTR_RPC_RESPONSE_STATUS_CODE]: '-32602',
    });
    const status = { code: SpanStatusCode.ERROR, message: 'MCP error -32602: bad arguments' };
    expect(calls().map((span) => span.status)).toEqual([status, status]);
  });

  it("a caller's AbortSignal: cancelled, not timeout, on the client span, the server span and the metric", async () => {
    const abortMidCall = async (pair: ConnectedPair) => {
      const controller = new AbortController();
      const pending = pair.client.callTool({ name: 'slow', arguments: {} }, undefined, { signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      return pending;
    };
    const outcome = await comparison.runBoth(abortMidCall);
    expect(outcome).toMatchObject({ error: { class: 'McpError', code: -32001 } });
    await expect.poll(() => calls().length).toBe(2);
    expectCallPair(calls(), 'tools/call slow', callAttributes('slow', semconv.ERROR_TYPE_CANCELLED));
    expect(calls().map((span) => span.status.code)).toEqual([SpanStatusCode.ERROR, SpanStatusCode.ERROR]);
    const points = await comparison.telemetry().points(semconv.METRIC_MCP_CLIENT_OPERATION_DURATION);
    const toolPoints = points.filter((point) => point.attributes[semconv.ATTR_MCP_METHOD_NAME] === 'tools/call');
    expect(toolPoints.map((point) => point.attributes[semconv.ATTR_ERROR_TYPE])).toEqual([semconv.ERROR_TYPE_CANCELLED]);
  });

  it('a signal aborted before the call: cancelled, and the caller gets the abort reason', async () => {
    const outcome = await comparison.runBoth((pair) =>
      pair.client.callTool({ name: 'slow', arguments: {} }, undefined, { signal: AbortSignal.abort() }),
    );
    expect(outcome).toMatchObject({ error: { name: 'AbortError' } });
    expect(calls().map((span) => [span.kind, span.attributes[semconv.ATTR_ERROR_TYPE], span.status.code])).toEqual([
      [SpanKind.CLIENT, semconv.ERROR_TYPE_CANCELLED, SpanStatusCode.ERROR],
    ]);
  });
});
