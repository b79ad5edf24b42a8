export { instrumentMcpClient } from './client.js';
export { instrumentMcpServer } from './server.js';
export type {
  InstrumentableMcpClient,
  InstrumentableMcpServer,
  McpClientOptions,
  McpInstrumentationOptions,
  McpServerOptions,
} from './types.js';
