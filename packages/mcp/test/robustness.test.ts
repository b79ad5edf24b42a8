import { context, createContextKey, diag, DiagLogLevel, SpanKind } from '@opentelemetry/api';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { DefaultTagSchema } from '@sightline/core';
import { instrumentMcpClient, instrumentMcpServer } from '@sightline/mcp';
import { afterEach, describe, expect, it } from 'vitest';
import { setupTestTelemetry, type TestTelemetry } from '../../testing/src/index.js';
import { connectInMemory, settle, type ConnectedPair } from './support/fixture-server.js';

// @opentelemetry/core's suppressTracing() sets this key; the SDK tracer then starts no spans.
const SUPPRESS_TRACING = createContextKey('OpenTelemetry SDK Context Key SUPPRESS_TRACING');

describe('robustness', () => {
  let telemetry: TestTelemetry<DefaultTagSchema> | undefined;
  let pair: ConnectedPair | undefined;
  afterEach(async () => {
    await pair?.close();
    await telemetry?.shutdown();
    pair = telemetry = undefined;
    diag.disable();
  });

  const call = (client: Client) => client.callTool({ name: 'lookup', arguments: { query: 'q' } });

  it('works unchanged when no SDK is registered (init never called)', async () => {
    pair = await connectInMemory({ instrument: false });
    const expected = await settle(() => call(pair!.client));
    await pair.close();
    pair = await connectInMemory({ instrument: true });
    expect(await settle(() => call(pair!.client))).toEqual(expected);
  });

  it('records nothing while tracing is suppressed, and the call still succeeds', async () => {
    telemetry = setupTestTelemetry();
    pair = await connectInMemory({ instrument: true });
    telemetry.reset();
    const result = await context.with(context.active().setValue(SUPPRESS_TRACING, true), () => call(pair!.client));
    expect(result.isError).toBeUndefined();
    // The client starts no span; the server has no caller span to join and starts its own root.
    expect(telemetry.spans().map((span) => [span.name, span.kind, span.parentSpanContext])).toEqual([
      ['vector query', SpanKind.INTERNAL, expect.anything()],
      ['tools/call lookup', SpanKind.SERVER, undefined],
    ]);
  });

  it('instruments each client and server once, whatever the number of calls', async () => {
    telemetry = setupTestTelemetry();
    pair = await connectInMemory({ instrument: true });
    expect(instrumentMcpClient(pair.client)).toBe(pair.client);
    expect(instrumentMcpServer(pair.server as McpServer)).toBe(pair.server);
    telemetry.reset();
    await call(pair.client);
    expect(telemetry.spans().map((span) => span.name)).toEqual(['vector query', 'tools/call lookup', 'tools/call lookup']);
  });

  it('returns a non-MCP object untouched and warns once instead of throwing', () => {
    const warnings: string[] = [];
    diag.setLogger({ warn: (...args: unknown[]) => warnings.push(args.join(' ')), error() {}, info() {}, debug() {}, verbose() {} }, DiagLogLevel.WARN);
    const notAClient = { request: 'nope' };
    const notAServer = { server: null };
    expect(instrumentMcpClient(notAClient as never)).toBe(notAClient);
    expect(instrumentMcpServer(notAServer as never)).toBe(notAServer);
    expect(notAClient).toEqual({ request: 'nope' });
    expect(warnings.some((message) => message.includes('instrumentMcpClient'))).toBe(true);
    expect(warnings.some((message) => message.includes('instrumentMcpServer'))).toBe(true);
  });
});
