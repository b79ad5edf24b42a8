import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { semconv, type DefaultTagSchema } from '@sightline/core';
import { instrumentMcpClient, instrumentMcpServer } from '@sightline/mcp';
import { afterEach, describe, expect, it } from 'vitest';
import { expectTree, setupTestTelemetry, type TestTelemetry } from '../../testing/src/index.js';
import { buildFixtureServer } from './support/fixture-server.js';
import { toolCallAttributes } from './support/span-attributes.js';

const UNTAGGED = semconv.UNTAGGED_VALUE;
const callerTags = { project: UNTAGGED, team: 'billing', cost_center: 'cc-7', feature: UNTAGGED, environment: UNTAGGED };

describe('MCP over Streamable HTTP on a loopback port', () => {
  let telemetry: TestTelemetry<DefaultTagSchema> | undefined;
  let http: HttpServer | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (http ? http.close(resolve) : resolve(undefined)));
    await telemetry?.shutdown();
    http = telemetry = undefined;
  });

  it('joins the trace over HTTP, restores the caller tags, and links the HTTP server span', async () => {
    telemetry = setupTestTelemetry();
    const mcpServer = instrumentMcpServer(buildFixtureServer());
    const serverTransport = new StreamableHTTPServerTransport({ sessionIdGenerator: randomUUID });
    await mcpServer.connect(serverTransport);
    // Stands in for an HTTP server instrumentation: each request runs in its own span, in a fresh context.
    http = createServer((request, response) => {
      const span = trace.getTracer('http-server').startSpan(`${request.method} /mcp`, { kind: SpanKind.SERVER }, ROOT_CONTEXT);
      response.on('close', () => span.end());
      void context.with(trace.setSpan(ROOT_CONTEXT, span), () => serverTransport.handleRequest(request, response));
    });
    await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;

    const client = instrumentMcpClient(new Client({ name: 'http-test', version: '1.0.0' }));
    const clientTransport = new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`));
    await client.connect(clientTransport);
    const result = await telemetry.obs.withTags({ team: 'billing', cost_center: 'cc-7' }, () =>
      client.callTool({ name: 'lookup', arguments: { query: 'invoice' } }),
    );
    const sessionId = clientTransport.sessionId!;
    await client.close();
    await serverTransport.close();

    expect(JSON.parse((result.content as { text: string }[])[0]!.text)).toEqual({
      query: 'invoice',
      tags: { team: 'billing', cost_center: 'cc-7' },
    });
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    // Both sides name the server as the client addressed it.
    const common = toolCallAttributes('lookup', {
      [semconv.ATTR_MCP_SESSION_ID]: sessionId,
      [semconv.ATTR_NETWORK_TRANSPORT]: semconv.NETWORK_TRANSPORT_TCP,
      [semconv.ATTR_SERVER_ADDRESS]: '127.0.0.1',
      [semconv.ATTR_SERVER_PORT]: port,
      ...callerTags,
    });
    const spans = telemetry.spans().filter((span) => span.spanContext().traceId === callerSpan().spanContext().traceId);
    expectTree(spans, {
      name: 'tools/call lookup',
      kind: SpanKind.CLIENT,
      attributes: common,
      children: [
        {
          name: 'tools/call lookup',
          kind: SpanKind.SERVER,
          attributes: common,
          children: [{ name: 'vector query', attributes: callerTags }],
        },
      ],
    });
    // The duration metrics carry the connection too (no session id: unbounded).
    const { [semconv.ATTR_MCP_SESSION_ID]: _session, [semconv.ATTR_JSONRPC_REQUEST_ID]: _id, ...labels } = common;
    for (const name of [semconv.METRIC_MCP_CLIENT_OPERATION_DURATION, semconv.METRIC_MCP_SERVER_OPERATION_DURATION]) {
      const points = await telemetry.points(name);
      expect(
        points.map((point) => point.attributes).filter((attributes) => attributes[semconv.ATTR_MCP_METHOD_NAME] === 'tools/call'),
      ).toEqual([labels]);
    }
    const served = spans.find((span) => span.kind === SpanKind.SERVER)!;
    const httpSpans = telemetry.spans().filter((span) => span.name === 'POST /mcp');
    expect(httpSpans.map((span) => span.spanContext().spanId)).toContain(served.links[0]?.context.spanId);
    expect(served.links).toHaveLength(1);

    function callerSpan() {
      return telemetry!.spans().find((span) => span.name === 'tools/call lookup' && span.kind === SpanKind.CLIENT)!;
    }
  });
});
