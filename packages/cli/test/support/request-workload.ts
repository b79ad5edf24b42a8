import { SpanKind, TraceFlags, type SpanContext } from '@opentelemetry/api';
import { semconv } from '@sightline/core';
import { join } from 'node:path';
import { generateTelemetry, modelCallSpan, T0, type SpanSpec } from './telemetry-generator.js';

/**
 * Three requests written by two processes, the way an agent app and its MCP
 * tool server write them (each its own subdirectory, as docs/cli.md asks):
 *
 * 1. support/orders: an `invoke_agent` root with two streamed gpt-4o-mini calls, a
 *    `lookup_order` MCP tool call that succeeds and a `track_shipment` one that
 *    fails (LangChain's `execute_tool` span, the MCP CLIENT span under it, and the
 *    order service's SERVER span in the other process, parented to that client span).
 * 2. billing/faq: a lone streamed call to an unpriced local model.
 * 3. search/faq: an HTTP SERVER root whose parent is a caller's span that is not in
 *    the files (a remote parent), with a vector query and one unstreamed gpt-4o call.
 *
 * 4. Not a request: a `getOrCreateCollection` CLIENT call at startup, outside any request.
 *
 * Costs are binary fractions, so sums are exact.
 */
export const REQUEST_WORKLOAD = {
  requests: 3,
  modelCalls: 4,
  costUsd: 0.25 + 0.125 + 0.5,
} as const;

const tool = (name: string, startMs: number, failed: boolean, onStart?: (spanContext: SpanContext) => void): SpanSpec => ({
  name: `execute_tool ${name}`,
  startMs,
  durationMs: 200,
  attributes: { [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_EXECUTE_TOOL, [semconv.ATTR_GEN_AI_TOOL_NAME]: name },
  failed,
  children: [
    {
      name: `tools/call ${name}`,
      kind: SpanKind.CLIENT,
      startMs: startMs + 10,
      durationMs: 180,
      // Under LangChain's execute_tool span the MCP client span carries no operation name of its own.
      attributes: { [semconv.ATTR_MCP_METHOD_NAME]: 'tools/call', [semconv.ATTR_GEN_AI_TOOL_NAME]: name },
      failed,
      onStart,
    },
  ],
});

/** A caller's span that never reaches the files: the third request's remote parent. */
const REMOTE_CALLER: SpanContext = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: TraceFlags.SAMPLED,
  isRemote: true,
};

export async function writeRequestWorkload(dir: string): Promise<void> {
  let trackShipmentClient: SpanContext | undefined;
  await generateTelemetry(dir, (generator) => {
    generator.spanTree(
      {
        name: 'getOrCreateCollection product-docs',
        kind: SpanKind.CLIENT,
        startMs: T0 - 1000,
        durationMs: 20,
        attributes: { [semconv.ATTR_DB_SYSTEM_NAME]: 'chroma', [semconv.ATTR_DB_OPERATION_NAME]: 'getOrCreateCollection' },
      },
      {},
    );
    generator.spanTree(
      {
        name: 'invoke_agent support-agent',
        startMs: T0,
        durationMs: 2000,
        attributes: { [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_INVOKE_AGENT },
        children: [
          modelCallSpan({
            model: 'gpt-4o-mini',
            inputTokens: 1000,
            outputTokens: 100,
            cacheReadInputTokens: 400,
            costUsd: 0.25,
            startMs: T0 + 10,
            durationMs: 400,
            timeToFirstChunkSeconds: 0.25,
          }),
          tool('lookup_order', T0 + 420, false),
          tool('track_shipment', T0 + 420, true, (spanContext) => (trackShipmentClient = spanContext)),
          modelCallSpan({
            model: 'gpt-4o-mini',
            inputTokens: 2000,
            outputTokens: 50,
            cacheReadInputTokens: 1000,
            reasoningOutputTokens: 30,
            costUsd: 0.125,
            startMs: T0 + 700,
            durationMs: 600,
            timeToFirstChunkSeconds: 0.5,
          }),
        ],
      },
      { team: 'support', feature: 'orders' },
    );
    generator.modelCall({
      tags: { team: 'billing', feature: 'faq' },
      model: 'llama3.1',
      inputTokens: 400,
      outputTokens: 80,
      startMs: T0 + 5000,
      durationMs: 300,
      timeToFirstChunkSeconds: 0.125,
    });
    generator.spanTree(
      {
        name: 'POST /support/chat',
        kind: SpanKind.SERVER,
        startMs: T0 + 9000,
        durationMs: 1500,
        children: [
          {
            name: 'query product-docs',
            kind: SpanKind.CLIENT,
            startMs: T0 + 9010,
            durationMs: 100,
            attributes: { [semconv.ATTR_DB_SYSTEM_NAME]: 'chroma', [semconv.ATTR_DB_OPERATION_NAME]: 'query' },
          },
          modelCallSpan({
            model: 'gpt-4o',
            inputTokens: 3000,
            outputTokens: 300,
            reasoningOutputTokens: 128,
            costUsd: 0.5,
            startMs: T0 + 9200,
            durationMs: 1000,
          }),
        ],
      },
      { team: 'search', feature: 'faq' },
      REMOTE_CALLER,
    );
  });
  // The order service: another process (service.name order-service), its own subdirectory.
  await generateTelemetry(
    join(dir, 'order-service'),
    (generator) => {
      generator.spanTree(
        {
          name: 'tools/call track_shipment',
          kind: SpanKind.SERVER,
          startMs: T0 + 440,
          durationMs: 150,
          attributes: { [semconv.ATTR_MCP_METHOD_NAME]: 'tools/call', [semconv.ATTR_GEN_AI_TOOL_NAME]: 'track_shipment' },
          failed: true,
          children: [{ name: 'orders.read', startMs: T0 + 450, durationMs: 20 }],
        },
        { team: 'support', feature: 'orders' },
        { ...trackShipmentClient!, isRemote: true },
      );
    },
    { serviceName: 'order-service' },
  );
}
