// The incoming-tags policy on MCP servers: which of a caller's `_meta` tags a server
// keeps, over the real SDK's in-memory and Streamable HTTP transports.
import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, diag, propagation, ROOT_CONTEXT, SpanKind, type Attributes } from '@opentelemetry/api';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { semconv, type DefaultTagSchema } from '@sightline/core';
import { instrumentMcpServer, type McpServerOptions } from '@sightline/mcp';
import { afterEach, describe, expect, it } from 'vitest';
import { findSpan, type TestTelemetry } from '../../testing/src/index.js';
import { captureDiag } from '../../core/test/support/faults.js';
import { rejectedFromPeers } from '../../core/test/support/incoming-tags.js';
import { buildFixtureServer } from './support/fixture-server.js';
import { useInMemorySession } from './support/in-memory-session.js';
import { NO_TAGS, toolCallAttributes } from './support/span-attributes.js';

const CALLER_TAGS = { team: 'search', cost_center: 'cc-7' };
const FORGED_META = { baggage: 'team=finance,cost_center=cc-1' };
const IMPLICIT_WARNING = /accepted tags from a peer over the network with no incomingTags policy/;

/** The tags the `lookup` tool ran under, as it answers them. */
function servedTags(result: unknown): unknown {
  return JSON.parse((result as { content: { text: string }[] }).content[0]!.text).tags;
}

/** What a server kept of the caller's tags: its span, the app span inside it, and its duration series. */
async function serverSide(telemetry: TestTelemetry<DefaultTagSchema>) {
  const spans = telemetry.spans();
  const served = spans.find((span) => span.name === 'tools/call lookup' && span.kind === SpanKind.SERVER)!;
  const points = await telemetry.points(semconv.METRIC_MCP_SERVER_OPERATION_DURATION);
  const series = points.map((point) => point.attributes).filter((attributes) => attributes[semconv.ATTR_MCP_METHOD_NAME] === 'tools/call');
  return { span: served.attributes, app: findSpan(spans, 'vector query').attributes, series };
}

/** The metric labels of a first `tools/call`: the span's attributes without the per-request id. */
function seriesOf(attributes: Attributes): Attributes {
  const { [semconv.ATTR_JSONRPC_REQUEST_ID]: _id, [semconv.ATTR_MCP_SESSION_ID]: _session, ...labels } = attributes;
  return labels;
}

describe('incomingTags over the in-memory transport', () => {
  const session = useInMemorySession();

  it("the server's list keeps team; the caller's cost_center reaches neither its spans nor its metrics, and is counted", async () => {
    const telemetry = session.telemetry();
    const pair = await session.connect({ instrument: true, serverOptions: { incomingTags: ['team'] } });
    const result = await telemetry.obs.withTags(CALLER_TAGS, () => pair.client.callTool({ name: 'lookup', arguments: { query: 'q' } }));
    expect(servedTags(result)).toEqual({ team: 'search' });
    const kept = { ...NO_TAGS, team: 'search' };
    const span = toolCallAttributes('lookup', kept);
    expect(await serverSide(telemetry)).toEqual({ span, app: kept, series: [seriesOf(span)] });
    // The caller's own span is its own business: it keeps both.
    const caller = telemetry.spans().find((one) => one.name === 'tools/call lookup' && one.kind === SpanKind.CLIENT)!;
    expect(caller.attributes).toEqual(toolCallAttributes('lookup', { ...NO_TAGS, ...CALLER_TAGS }));
    expect([rejectedFromPeers(semconv.REASON_NOT_ACCEPTED, 'cost_center'), rejectedFromPeers(semconv.REASON_NOT_ACCEPTED, 'team')]).toEqual(
      [1, 0],
    );
  });

  it("init's 'none' covers a server without its own policy; a server's own 'all' overrides it", async () => {
    const telemetry = session.telemetry({ incomingTags: 'none' });
    const strict = await session.connect({ instrument: 'server' });
    expect(servedTags(await strict.client.callTool({ name: 'lookup', arguments: { query: 'q' }, _meta: FORGED_META }))).toEqual({});
    expect(await serverSide(telemetry)).toEqual({
      span: toolCallAttributes('lookup', NO_TAGS),
      app: NO_TAGS,
      series: [seriesOf(toolCallAttributes('lookup', NO_TAGS))],
    });
    expect(['team', 'cost_center'].map((key) => rejectedFromPeers(semconv.REASON_NOT_ACCEPTED, key))).toEqual([1, 1]);
    await strict.close();
    telemetry.reset();

    const trusting = await session.connect({ instrument: 'server', serverOptions: { incomingTags: 'all' } });
    const result = await trusting.client.callTool({ name: 'lookup', arguments: { query: 'q' }, _meta: FORGED_META });
    expect(servedTags(result)).toEqual({ team: 'finance', cost_center: 'cc-1' });
    expect(findSpan(telemetry.spans(), 'vector query').attributes).toEqual({ ...NO_TAGS, team: 'finance', cost_center: 'cc-1' });
  });
});

describe('incomingTags over Streamable HTTP', () => {
  const session = useInMemorySession();
  let http: HttpServer | undefined;
  let warnings: string[] = [];
  afterEach(async () => {
    await new Promise((resolve) => (http ? http.close(resolve) : resolve(undefined)));
    http = undefined;
    diag.disable();
  });

  /**
   * A forged call from a foreign (uninstrumented) client over a loopback port. With `httpBaggage`,
   * the client also sends it as an HTTP header, and each request runs in the context the global
   * propagator extracts from its headers, as under an HTTP server instrumentation.
   */
  async function forgedCallOverHttp(options?: McpServerOptions, httpBaggage?: string) {
    const mcpServer = instrumentMcpServer(buildFixtureServer(), options);
    const serverTransport = new StreamableHTTPServerTransport({ sessionIdGenerator: randomUUID });
    await mcpServer.connect(serverTransport);
    http = createServer((request, response) => {
      const requestContext = httpBaggage === undefined ? context.active() : propagation.extract(ROOT_CONTEXT, request.headers);
      void context.with(requestContext, () => serverTransport.handleRequest(request, response));
    });
    await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    const client = new Client({ name: 'forger', version: '1.0.0' });
    const requestInit = httpBaggage === undefined ? undefined : { headers: { baggage: httpBaggage } };
    await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), { requestInit }));
    const result = await client.callTool({ name: 'lookup', arguments: { query: 'q' }, _meta: FORGED_META });
    await client.close();
    await serverTransport.close();
    return { result, port };
  }

  it('with no policy anywhere, tags are accepted as before, and the first network accept warns once (in-memory did not)', async () => {
    const telemetry = session.telemetry();
    warnings = captureDiag();
    const local = await session.connect({ instrument: 'server' });
    expect(servedTags(await local.client.callTool({ name: 'lookup', arguments: { query: 'q' }, _meta: FORGED_META }))).toEqual({
      team: 'finance',
      cost_center: 'cc-1',
    });
    expect(warnings.filter((line) => IMPLICIT_WARNING.test(line))).toEqual([]);
    const { result } = await forgedCallOverHttp();
    expect(servedTags(result)).toEqual({ team: 'finance', cost_center: 'cc-1' });
    expect(warnings.filter((line) => IMPLICIT_WARNING.test(line))).toHaveLength(1);
    const forged = { ...NO_TAGS, team: 'finance', cost_center: 'cc-1' };
    expect(
      telemetry
        .spans()
        .filter((span) => span.name === 'vector query')
        .map((span) => span.attributes),
    ).toEqual([forged, forged]);
  });

  it("the server's list over HTTP: refused keys reach neither spans nor metrics; an explicit policy does not warn", async () => {
    const telemetry = session.telemetry();
    warnings = captureDiag();
    const { result, port } = await forgedCallOverHttp({ incomingTags: ['team'] });
    expect(servedTags(result)).toEqual({ team: 'finance' });
    const kept = { ...NO_TAGS, team: 'finance' };
    const { span, app, series } = await serverSide(telemetry);
    const expected = toolCallAttributes('lookup', {
      [semconv.ATTR_MCP_SESSION_ID]: expect.stringMatching(/^[0-9a-f-]{36}$/),
      [semconv.ATTR_NETWORK_TRANSPORT]: semconv.NETWORK_TRANSPORT_TCP,
      [semconv.ATTR_SERVER_ADDRESS]: '127.0.0.1',
      [semconv.ATTR_SERVER_PORT]: port,
      ...kept,
    });
    expect({ span, app, series }).toEqual({ span: expected, app: kept, series: [seriesOf(expected)] });
    expect(rejectedFromPeers(semconv.REASON_NOT_ACCEPTED, 'cost_center')).toBe(1);
    expect(warnings.filter((line) => IMPLICIT_WARNING.test(line))).toEqual([]);
  });

  it("a server's 'none' also drops what the HTTP layer accepted from the request's own baggage under init's default", async () => {
    const telemetry = session.telemetry();
    const { result } = await forgedCallOverHttp({ incomingTags: 'none' }, 'team=finance,feature=faq');
    expect(servedTags(result)).toEqual({});
    // Every message of the session (initialize, its notification, the call) and the work inside: no tag of the caller's.
    const tagsOf = (attributes: Attributes) => Object.fromEntries(Object.keys(NO_TAGS).map((key) => [key, attributes[key]]));
    expect(telemetry.spans().map((span) => [span.name, tagsOf(span.attributes)])).toEqual([
      ['initialize', NO_TAGS],
      ['notifications/initialized', NO_TAGS],
      ['vector query', NO_TAGS],
      ['tools/call lookup', NO_TAGS],
    ]);
    expect(findSpan(telemetry.spans(), 'vector query').attributes).toEqual(NO_TAGS);
    // The HTTP layer's team and feature, once per message; the _meta's team and cost_center once.
    expect(['team', 'feature', 'cost_center'].map((key) => rejectedFromPeers(semconv.REASON_NOT_ACCEPTED, key))).toEqual([4, 3, 1]);
  });
});
