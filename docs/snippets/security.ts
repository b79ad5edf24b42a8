import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { init } from '@sightline/core';
import { instrumentMcpServer } from '@sightline/mcp';

export function edgeService(): void {
// An internet-facing service: no caller may say which team pays.
init({ serviceName: 'public-api', incomingTags: 'none' });
}

export function internalService(): void {
// Behind the edge: take the caller's feature and session, never its team or cost centre.
init({ serviceName: 'search-api', incomingTags: ['feature', 'session.id'] });
}

export function toolServer(): McpServer {
// An MCP server's own policy wins over init's for what arrives in _meta.
return instrumentMcpServer(new McpServer({ name: 'tools', version: '1.0.0' }), { incomingTags: ['team', 'feature'] });
}
