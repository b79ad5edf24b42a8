import { SpanKind, SpanStatusCode, trace, ROOT_CONTEXT } from '@opentelemetry/api';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { semconv } from '@sightline/core';
import { describe, expect, it } from 'vitest';
import { expectTree, findSpan } from '../../testing/src/index.js';
import { useInMemorySession } from './support/in-memory-session.js';
import { toolCallAttributes } from './support/span-attributes.js';

const UNTAGGED = semconv.UNTAGGED_VALUE;
const callerTags = { project: UNTAGGED, team: 'search', cost_center: UNTAGGED, feature: 'faq', environment: UNTAGGED };
const noTags = { project: UNTAGGED, team: UNTAGGED, cost_center: UNTAGGED, feature: UNTAGGED, environment: UNTAGGED };

describe('MCP over the in-memory transport', () => {
  const session = useInMemorySession();

  it('joins client and server spans in one trace and restores the caller tags inside the handler', async () => {
    const telemetry = session.telemetry();
    const { obs } = telemetry;
    const pair = await session.connect({ instrument: true });
    const { client } = pair;
    const result = await obs.withTags({ team: 'search', feature: 'faq' }, () =>
      client.callTool({ name: 'lookup', arguments: { query: 'refund policy' } }),
    );

    expect(result).toEqual({
      content: [{ type: 'text', text: JSON.stringify({ query: 'refund policy', tags: { team: 'search', feature: 'faq' } }) }],
    });
    const version = { [semconv.ATTR_MCP_PROTOCOL_VERSION]: LATEST_PROTOCOL_VERSION };
    // Client and server span of one request carry the same attributes.
    const initialize = { [semconv.ATTR_MCP_METHOD_NAME]: 'initialize', [semconv.ATTR_JSONRPC_REQUEST_ID]: '0', ...version, ...noTags };
    const lookup = toolCallAttributes('lookup', callerTags);
    // A notification has no JSON-RPC id; its trace context travels in `_meta` all the same.
    const initialized = { [semconv.ATTR_MCP_METHOD_NAME]: 'notifications/initialized', ...version, ...noTags };
    expectTree(telemetry.spans(), [
      {
        name: 'initialize',
        kind: SpanKind.CLIENT,
        attributes: initialize,
        children: [{ name: 'initialize', kind: SpanKind.SERVER, attributes: initialize }],
      },
      {
        name: 'notifications/initialized',
        kind: SpanKind.CLIENT,
        attributes: initialized,
        children: [{ name: 'notifications/initialized', kind: SpanKind.SERVER, attributes: initialized }],
      },
      {
        name: 'tools/call lookup',
        kind: SpanKind.CLIENT,
        attributes: lookup,
        children: [
          {
            name: 'tools/call lookup',
            kind: SpanKind.SERVER,
            attributes: lookup,
            children: [{ name: 'vector query', kind: SpanKind.INTERNAL, attributes: callerTags }],
          },
        ],
      },
    ]);
    const work = findSpan(telemetry.spans(), 'vector query');
    expect(work.spanContext().traceId).toBe(findSpan(telemetry.spans(), 'tools/call lookup').spanContext().traceId);

    const clientDurations = await telemetry.points(semconv.METRIC_MCP_CLIENT_OPERATION_DURATION);
    const serverDurations = await telemetry.points(semconv.METRIC_MCP_SERVER_OPERATION_DURATION);
    for (const points of [clientDurations, serverDurations]) {
      expect(points.map((point) => point.attributes)).toEqual([
        { [semconv.ATTR_MCP_METHOD_NAME]: 'initialize', ...version, ...noTags },
        { [semconv.ATTR_MCP_METHOD_NAME]: 'notifications/initialized', ...version, ...noTags },
        {
          [semconv.ATTR_MCP_METHOD_NAME]: 'tools/call',
          [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_EXECUTE_TOOL,
          [semconv.ATTR_GEN_AI_TOOL_NAME]: 'lookup',
          ...version,
          ...callerTags,
        },
      ]);
      expect(points.map((point) => (point.value as { count: number }).count)).toEqual([1, 1, 1]);
    }
  });

  it('names prompt and resource spans and carries their attributes', async () => {
    const telemetry = session.telemetry();
    const pair = await session.connect({ instrument: true });
    await pair.client.listTools();
    await pair.client.getPrompt({ name: 'summarise', arguments: { topic: 'refunds' } });
    await pair.client.listResources();
    await pair.client.readResource({ uri: 'docs://handbook' });
    const clientSpans = telemetry.spans().filter((span) => span.kind === SpanKind.CLIENT);
    expect(
      clientSpans.map((span) => [
        span.name,
        span.attributes[semconv.ATTR_GEN_AI_PROMPT_NAME],
        span.attributes[semconv.ATTR_MCP_RESOURCE_URI],
      ]),
    ).toEqual([
      ['initialize', undefined, undefined],
      ['notifications/initialized', undefined, undefined],
      ['tools/list', undefined, undefined],
      ['prompts/get summarise', 'summarise', undefined],
      ['resources/list', undefined, undefined],
      ['resources/read', undefined, 'docs://handbook'],
    ]);
    expect(
      telemetry
        .spans()
        .filter((span) => span.kind === SpanKind.SERVER)
        .map((span) => span.name),
    ).toEqual(clientSpans.map((span) => span.name));
    const prompts = (await telemetry.points(semconv.METRIC_MCP_CLIENT_OPERATION_DURATION)).filter(
      (point) => point.attributes[semconv.ATTR_MCP_METHOD_NAME] === 'prompts/get',
    );
    expect(prompts.map((point) => point.attributes)).toEqual([
      {
        [semconv.ATTR_MCP_METHOD_NAME]: 'prompts/get',
        [semconv.ATTR_GEN_AI_PROMPT_NAME]: 'summarise',
        [semconv.ATTR_MCP_PROTOCOL_VERSION]: LATEST_PROTOCOL_VERSION,
        ...noTags,
      },
    ]);
  });

  it('links the transport ambient span and keeps the caller span as parent', async () => {
    const telemetry = session.telemetry();
    const receive = trace.getTracer('transport').startSpan('transport receive', { kind: SpanKind.CONSUMER }, ROOT_CONTEXT);
    const pair = await session.connect({ instrument: true, serverAmbient: () => trace.setSpan(ROOT_CONTEXT, receive) });
    await pair.client.callTool({ name: 'lookup', arguments: { query: 'q' } });
    receive.end();
    const spans = telemetry.spans();
    const caller = spans.find((span) => span.name === 'tools/call lookup' && span.kind === SpanKind.CLIENT)!;
    const served = spans.find((span) => span.name === 'tools/call lookup' && span.kind === SpanKind.SERVER)!;
    expect(served.parentSpanContext?.spanId).toBe(caller.spanContext().spanId);
    expect(served.spanContext().traceId).toBe(caller.spanContext().traceId);
    expect(served.links.map((link) => link.context.spanId)).toEqual([receive.spanContext().spanId]);
    expect(served.status.code).toBe(SpanStatusCode.UNSET);
  });
});
