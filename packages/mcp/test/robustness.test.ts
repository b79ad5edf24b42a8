import { context, createContextKey, diag, DiagLogLevel, SpanKind } from '@opentelemetry/api';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { instrumentMcpClient, instrumentMcpServer } from '@sightline/mcp';
import { afterEach, describe, expect, it } from 'vitest';
import { settle } from './support/fixture-server.js';
import { useInMemorySession } from './support/in-memory-session.js';

// @opentelemetry/core's suppressTracing() sets this key; the SDK tracer then starts no spans.
const SUPPRESS_TRACING = createContextKey('OpenTelemetry SDK Context Key SUPPRESS_TRACING');

describe('robustness', () => {
  const session = useInMemorySession();
  afterEach(() => {
    diag.disable();
  });

  const call = (client: Client) => client.callTool({ name: 'lookup', arguments: { query: 'q' } });

  it('works unchanged when no SDK is registered (init never called)', async () => {
    const plain = await session.connect({ instrument: false });
    const expected = await settle(() => call(plain.client));
    await plain.close();
    const instrumented = await session.connect({ instrument: true });
    expect(await settle(() => call(instrumented.client))).toEqual(expected);
  });

  it('records nothing while tracing is suppressed, and the call still succeeds', async () => {
    const telemetry = session.telemetry();
    const pair = await session.connect({ instrument: true });
    telemetry.reset();
    const result = await context.with(context.active().setValue(SUPPRESS_TRACING, true), () => call(pair.client));
    expect(result.isError).toBeUndefined();
    // The client starts no span; the server has no caller span to join and starts its own root.
    expect(telemetry.spans().map((span) => [span.name, span.kind, span.parentSpanContext])).toEqual([
      ['vector query', SpanKind.INTERNAL, expect.anything()],
      ['tools/call lookup', SpanKind.SERVER, undefined],
    ]);
  });

  it('instruments each client and server once, whatever the number of calls', async () => {
    const telemetry = session.telemetry();
    const pair = await session.connect({ instrument: true });
    expect(instrumentMcpClient(pair.client)).toBe(pair.client);
    expect(instrumentMcpServer(pair.server as McpServer)).toBe(pair.server);
    telemetry.reset();
    await call(pair.client);
    expect(telemetry.spans().map((span) => span.name)).toEqual(['vector query', 'tools/call lookup', 'tools/call lookup']);
  });

  it('returns a non-MCP object untouched and warns once instead of throwing', () => {
    const warnings: string[] = [];
    diag.setLogger(
      { warn: (...args: unknown[]) => warnings.push(args.join(' ')), error() {}, info() {}, debug() {}, verbose() {} },
      DiagLogLevel.WARN,
    );
    const notAClient = { request: 'nope' };
    const notAServer = { server: null };
    expect(instrumentMcpClient(notAClient as never)).toBe(notAClient);
    expect(instrumentMcpServer(notAServer as never)).toBe(notAServer);
    expect(notAClient).toEqual({ request: 'nope' });
    expect(warnings.some((message) => message.includes('instrumentMcpClient'))).toBe(true);
    expect(warnings.some((message) => message.includes('instrumentMcpServer'))).toBe(true);
  });
});
