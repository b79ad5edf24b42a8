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

/** Tag keys a server accepts from its callers: every schema key, none, or the keys listed. */
export type McpIncomingTagsPolicy = 'all' | 'none' | readonly string[];

/** Options for `instrumentMcpServer`. */
export interface McpServerOptions extends McpInstrumentationOptions {
  /**
   * Tag keys accepted from callers' `_meta` baggage: an MCP caller is unauthenticated, so
   * whatever it sends is billed as it says. `'all'`, `'none'` or a list of schema keys;
   * refused keys are dropped and counted (`sightline.tags.rejected{sightline.reason=not_accepted}`).
   * Default: `init`'s `incomingTags` (whose own default accepts every schema key and warns
   * once when tags arrive over a network transport). See docs/security.md.
   */
  incomingTags?: McpIncomingTagsPolicy;
}

/** The client types `instrumentMcpClient` accepts: the SDK's `Client` (or a subclass). */
export type InstrumentableMcpClient = Client;

/** The server types `instrumentMcpServer` accepts: the high-level `McpServer` or the low-level `Server`. */
export type InstrumentableMcpServer = McpServer | Server;
