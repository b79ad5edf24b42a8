import { SpanKind } from '@opentelemetry/api';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
  LoggingMessageNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { semconv } from '@sightline/core';
import { describe, expect, it } from 'vitest';
import { expectTree } from '../../testing/src/index.js';
import { usePlainComparison } from './support/compare-with-plain.js';
import { NO_TAGS, toolCallAttributes } from './support/span-attributes.js';

const version = { [semconv.ATTR_MCP_PROTOCOL_VERSION]: expect.any(String) };

/** A server whose `ask` tool asks the client back: sampling, roots and elicitation, and a log message. */
function askingServer(): McpServer {
  const server = new McpServer({ name: 'asking', version: '1.0.0' }, { capabilities: { logging: {} } });
  server.registerTool('ask', {}, async (extra) => {
    await extra.sendNotification({ method: 'notifications/message', params: { level: 'info', data: 'asking' } });
    const sampled = await server.server.createMessage({
      messages: [{ role: 'user', content: { type: 'text', text: 'hi' } }],
      maxTokens: 5,
    });
    const roots = await server.server.listRoots();
    const answer = await server.server.elicitInput({ message: 'ok?', requestedSchema: { type: 'object', properties: {} } });
    return { content: [{ type: 'text', text: JSON.stringify({ sampled: sampled.content, roots: roots.roots, answer: answer.action }) }] };
  });
  return server;
}

/** The log messages the client saw, in order. */
const logged: unknown[] = [];

function answeringClient(): Client {
  const client = new Client({ name: 'answering', version: '1.0.0' }, { capabilities: { sampling: {}, roots: {}, elicitation: {} } });
  client.setRequestHandler(CreateMessageRequestSchema, async () => ({
    role: 'assistant',
    content: { type: 'text', text: 'hello' },
    model: 'fake',
  }));
  client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [{ uri: 'file:///work', name: 'work' }] }));
  client.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'accept', content: {} }));
  client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => void logged.push(notification.params.data));
  return client;
}

describe('spans for server-to-client requests and notifications', () => {
  const comparison = usePlainComparison();

  it('sampling, roots and elicitation: a CLIENT span on the server, a SERVER span on the client, in the tool call', async () => {
    logged.length = 0;
    const outcome = await comparison.runBoth((pair) => pair.client.callTool({ name: 'ask', arguments: {} }), {
      server: askingServer,
      client: answeringClient,
    });
    expect(outcome).toEqual({
      value: {
        content: [
          {
            type: 'text',
            text: '{"sampled":{"type":"text","text":"hello"},"roots":[{"uri":"file:///work","name":"work"}],"answer":"accept"}',
          },
        ],
      },
    });
    expect(logged).toEqual(['asking', 'asking']); // the plain run's, then the instrumented one's
    const spans = comparison
      .telemetry()
      .spans()
      .filter((span) => span.attributes[semconv.ATTR_MCP_METHOD_NAME] !== 'initialize');
    const pairOf = (method: string, id: string | undefined) => {
      const attributes = {
        [semconv.ATTR_MCP_METHOD_NAME]: method,
        ...version,
        ...NO_TAGS,
        ...(id === undefined ? {} : { [semconv.ATTR_JSONRPC_REQUEST_ID]: id }),
      };
      return { name: method, kind: SpanKind.CLIENT, attributes, children: [{ name: method, kind: SpanKind.SERVER, attributes }] };
    };
    const ask = toolCallAttributes('ask', NO_TAGS);
    expectTree(spans, [
      pairOf('notifications/initialized', undefined),
      {
        name: 'tools/call ask',
        kind: SpanKind.CLIENT,
        attributes: ask,
        children: [
          {
            name: 'tools/call ask',
            kind: SpanKind.SERVER,
            attributes: ask,
            // The server's own requests count from 0: these ids are the server's.
            children: [
              pairOf('notifications/message', undefined),
              pairOf('sampling/createMessage', '0'),
              pairOf('roots/list', '1'),
              pairOf('elicitation/create', '2'),
            ],
          },
        ],
      },
    ]);
  });

  it('a debounced notification is sent as the SDK would: coalesced, without params', async () => {
    const debouncing = () => {
      const server = new McpServer(
        { name: 'debouncing', version: '1.0.0' },
        { debouncedNotificationMethods: ['notifications/tools/list_changed'] },
      );
      server.registerTool('zero', {}, async () => ({ content: [] })); // before connect: declares tools.listChanged
      return server;
    };
    const received: number[] = [];
    const counting = () => {
      const client = new Client({ name: 'counting', version: '1.0.0' });
      let count = 0;
      client.setNotificationHandler(ToolListChangedNotificationSchema, () => void received.push(++count));
      return client;
    };
    await comparison.runBoth(
      async (pair) => {
        const server = pair.server as McpServer;
        server.registerTool('one', {}, async () => ({ content: [] }));
        server.sendToolListChanged();
        server.sendToolListChanged();
        await new Promise((resolve) => setTimeout(resolve, 20));
      },
      { server: debouncing, client: counting },
    );
    expect(received).toEqual([1, 1]); // one notification per run
  });
});
