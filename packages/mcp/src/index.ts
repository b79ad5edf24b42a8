export { instrumentMcpClient } from './client.js';
export { instrumentMcpServer } from './server.js';
export type {
  InstrumentableMcpClient,
  InstrumentableMcpServer,
  McpClientOptions,
  McpIncomingTagsPolicy,
  McpInstrumentationOptions,
  McpServerOptions,
} from './types.js';
