import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { semconv, type DefaultTagSchema } from '@sightline/core';
import { instrumentMcpClient } from '@sightline/mcp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSpans, setupTestTelemetry, type TestTelemetry } from '../../testing/src/index.js';
import { ensureBuilt } from './support/built-packages.js';
import { isProtocolTraffic, NO_TAGS, toolCallAttributes } from './support/span-attributes.js';
import { settle } from './support/fixture-server.js';

const fixture = join(import.meta.dirname, 'fixtures', 'stdio-server.mjs');
const UNTAGGED = semconv.UNTAGGED_VALUE;
const pipeCall = (tool: string, rest: Attributes) =>
  toolCallAttributes(tool, { [semconv.ATTR_NETWORK_TRANSPORT]: semconv.NETWORK_TRANSPORT_PIPE, ...rest });

describe('MCP over stdio, server in a separate Node process', () => {
  let telemetry: TestTelemetry<DefaultTagSchema> | undefined;
  let dir: string;
  beforeAll(() => ensureBuilt(), 120_000);
  afterEach(async () => {
    await telemetry?.shutdown();
    telemetry = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  function spawnServer(): StdioClientTransport {
    dir = mkdtempSync(join(tmpdir(), 'sightline-mcp-stdio-'));
    return new StdioClientTransport({ command: process.execPath, args: [fixture, dir], stderr: 'pipe' });
  }

  it('the child process writes its spans into the caller trace: right parent, caller tags restored', async () => {
    telemetry = setupTestTelemetry();
    const client = instrumentMcpClient(new Client({ name: 'stdio-test', version: '1.0.0' }));
    const transport = spawnServer();
    await client.connect(transport);
    const childPid = transport.pid;
    const result = await telemetry.obs.withTags({ team: 'search', feature: 'faq' }, () =>
      client.callTool({ name: 'lookup', arguments: { query: 'refunds' } }),
    );
    await client.close(); // the child flushes and exits on stdin end

    const text = JSON.parse((result.content as { text: string }[])[0]!.text);
    expect(text).toEqual({ query: 'refunds', tags: { team: 'search', feature: 'faq' }, pid: childPid });
    expect(childPid).not.toBe(process.pid);

    const caller = telemetry.spans().find((span) => span.name === 'tools/call lookup')!;
    expect(caller.kind).toBe(SpanKind.CLIENT);
    const callerTags = { ...NO_TAGS, team: 'search', feature: 'faq' };
    expect(caller.attributes).toEqual(pipeCall('lookup', callerTags));

    const written = readFileSpans(dir);
    const served = written.find((span) => span.name === 'tools/call lookup')!;
    const work = written.find((span) => span.name === 'vector query')!;
    expect(served).toMatchObject({
      traceId: caller.spanContext().traceId,
      parentSpanId: caller.spanContext().spanId,
      kind: 2, // OTLP SPAN_KIND_SERVER
      scope: '@sightline/mcp',
      resource: expect.objectContaining({ [semconv.ATTR_SERVICE_NAME]: 'mcp-stdio-fixture' }),
    });
    expect(served.attributes).toEqual(pipeCall('lookup', callerTags));
    expect(work).toMatchObject({ traceId: caller.spanContext().traceId, parentSpanId: served.spanId, attributes: callerTags });
    // The initialize exchange was outside withTags: its server span is untagged, in the initialize trace.
    const initialize = telemetry.spans().find((span) => span.name === 'initialize')!;
    expect(written.find((span) => span.name === 'initialize')).toMatchObject({
      traceId: initialize.spanContext().traceId,
      parentSpanId: initialize.spanContext().spanId,
      attributes: expect.objectContaining({ team: UNTAGGED }),
    });
  });

  it('a server killed mid-call ends the client span with an error; the caller gets the SDK error', async () => {
    const killMidCall = async (instrument: boolean) => {
      const client = new Client({ name: 'stdio-test', version: '1.0.0' });
      if (instrument) instrumentMcpClient(client);
      const transport = spawnServer();
      await client.connect(transport);
      const outcome = settle(() => client.callTool({ name: 'hang', arguments: {} }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      process.kill(transport.pid!, 'SIGKILL');
      const settled = await outcome;
      await client.close();
      return settled;
    };
    const expected = await killMidCall(false);
    telemetry = setupTestTelemetry();
    const actual = await killMidCall(true);
    expect(actual).toEqual(expected);
    expect(actual).toMatchObject({ error: { class: 'McpError', code: -32000 } });
    const caller = telemetry.spans().find((span) => span.name === 'tools/call hang')!;
    expect(caller.status.code).toBe(SpanStatusCode.ERROR);
    expect(caller.attributes[semconv.ATTR_ERROR_TYPE]).toBe('-32000');
    const durations = await telemetry.points(semconv.METRIC_MCP_CLIENT_OPERATION_DURATION);
    const calls = durations.filter((point) => !isProtocolTraffic(point));
    expect(calls.map((point) => point.attributes[semconv.ATTR_ERROR_TYPE])).toEqual(['-32000']);
  });

  it('a client that goes away mid-call: the server span ends as cancelled and is still exported', async () => {
    telemetry = setupTestTelemetry();
    const client = instrumentMcpClient(new Client({ name: 'stdio-test', version: '1.0.0' }));
    await client.connect(spawnServer());
    const outcome = settle(() => client.callTool({ name: 'hang', arguments: {} }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await client.close(); // stdin ends; the fixture shuts its telemetry down and exits
    expect(await outcome).toMatchObject({ error: { class: 'McpError', code: -32000 } });

    const caller = telemetry.spans().find((span) => span.name === 'tools/call hang')!;
    const served = readFileSpans(dir).find((span) => span.name === 'tools/call hang');
    expect(served).toMatchObject({
      traceId: caller.spanContext().traceId,
      parentSpanId: caller.spanContext().spanId,
      kind: 2, // OTLP SPAN_KIND_SERVER
      status: { code: 2 }, // OTLP STATUS_CODE_ERROR
    });
    expect(served!.attributes).toEqual(pipeCall('hang', { [semconv.ATTR_ERROR_TYPE]: semconv.ERROR_TYPE_CANCELLED, ...NO_TAGS }));
  });

  it('a server that closes its output and exits mid-call: the client span ends with -32000 and is exported', async () => {
    telemetry = setupTestTelemetry();
    const client = instrumentMcpClient(new Client({ name: 'stdio-test', version: '1.0.0' }));
    await client.connect(spawnServer());
    const outcome = await settle(() => client.callTool({ name: 'disconnect', arguments: {} }));
    await client.close();
    expect(outcome).toMatchObject({ error: { class: 'McpError', code: -32000 } });
    const caller = telemetry.spans().find((span) => span.name === 'tools/call disconnect')!;
    expect(caller.status).toEqual({ code: SpanStatusCode.ERROR, message: 'Connection closed' });
    expect(caller.attributes).toEqual(pipeCall('disconnect', { [semconv.ATTR_ERROR_TYPE]: '-32000', ...NO_TAGS }));
  });
});
