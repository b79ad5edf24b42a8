// Where a direct client call sits in a request: inside an MCP server's tool handler, the chat span is
// a child of the handler's SERVER span, in the caller's trace, under the caller's tags.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SpanKind } from '@opentelemetry/api';
import { withTags } from '@sightline/core';
import { instrumentMcpClient, instrumentMcpServer } from '@sightline/mcp';
import { expectTree } from '@sightline/testing';
import { beforeEach, expect, it } from 'vitest';
import { useReplayHarness } from './replay-harness.js';
import { json, openaiClients, routes } from './support/openai-replay.js';

const harness = useReplayHarness();
beforeEach(() => harness.server.respond(routes({ chat: () => json('chat-completion') })));

it('nests a chat call made in an MCP tool handler under the handler span, with the caller’s tags', async () => {
  const { instrumented } = openaiClients(harness.server);
  const mcp = instrumentMcpServer(new McpServer({ name: 'writer', version: '1.0.0' }));
  mcp.registerTool('draft', {}, async () => {
    const completion = await instrumented.chat.completions.create({ model: 'o4-mini', messages: [{ role: 'user', content: 'draft' }] });
    return { content: [{ type: 'text', text: completion.choices[0]?.message.content ?? '' }] };
  });
  const client = instrumentMcpClient(new Client({ name: 'app', version: '1.0.0' }));
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await mcp.connect(serverTransport);
  await client.connect(clientTransport);
  harness.telemetry.reset();
  const result = await withTags({ team: 'search', feature: 'drafts' }, () => client.callTool({ name: 'draft', arguments: {} }));
  await client.close();
  expect(result.content).toEqual([{ type: 'text', text: 'The capital of France is Paris.' }]);
  const tags = { team: 'search', feature: 'drafts' };
  expectTree(harness.telemetry.spans(), {
    name: 'tools/call draft',
    kind: SpanKind.CLIENT,
    children: [
      {
        name: 'tools/call draft',
        kind: SpanKind.SERVER,
        children: [{ name: 'chat o4-mini', kind: SpanKind.CLIENT, attributesContaining: tags }],
      },
    ],
  });
});
