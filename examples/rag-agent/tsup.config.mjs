import { defineConfig } from 'tsup';

export default defineConfig({
  // The demo, and the order-service MCP server it starts as a child process.
  entry: { main: 'src/main.ts', 'mcp-server': 'src/mcp-server.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  // Loaded only when a provider key is set; optional dependencies.
  external: ['@langchain/openai', '@langchain/anthropic'],
});
