import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

/** Options shared by both sides. */
export interface McpInstrumentationOptions {
  /**
   * `network.transport` for this side's connection. Default: detected from the
   * connected transport (stdio → `pipe`; Streamable HTTP, SSE and WebSocket →
   * `tcp`). In-memory and unknown transports leave the attribute out.
   */
  networkTransport?: string;
}

/** Options for `instrumentMcpClient`. */
export type McpClientOptions = McpInstrumentationOptions;

/** Options for `instrumentMcpServer`. */
export type McpServerOptions = McpInstrumentationOptions;

/** The client types `instrumentMcpClient` accepts: the SDK's `Client` (or a subclass). */
export type InstrumentableMcpClient = Client;

/** The server types `instrumentMcpServer` accepts: the high-level `McpServer` or the low-level `Server`. */
export type InstrumentableMcpServer = McpServer | Server;
