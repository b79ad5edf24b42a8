import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { init, withTags } from '@sightline/core';
import { instrumentMcpClient, instrumentMcpServer } from '@sightline/mcp';

export async function caller(): Promise<void> {
// Caller process
init({ serviceName: 'support-bot' });
const client = instrumentMcpClient(new Client({ name: 'support-bot', version: '1.0.0' }));
await client.connect(new StdioClientTransport({ command: 'node', args: ['tools-server.js'] }));
await withTags({ team: 'search', feature: 'faq' }, () =>
  client.callTool({ name: 'lookup', arguments: { query: 'refund policy' } }),
);
}

export async function toolServer(): Promise<void> {
// Server process (tools-server.js)
init({ serviceName: 'tools-server' });
const server = instrumentMcpServer(new McpServer({ name: 'tools', version: '1.0.0' }));
server.registerTool('lookup', {}, async () => {
  // Spans and metrics recorded here join the caller's trace and carry team=search, feature=faq.
  return { content: [{ type: 'text', text: '…' }] };
});
await server.connect(new StdioServerTransport());
}
