import { PassThrough } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { instrumentMcpClient, instrumentMcpServer } from '@sightline/mcp';
import { buildFixtureServer, type ConnectedPair } from './fixture-server.js';

/**
 * The client end of a stdio connection, in process: what a client process does
 * to the server's stdin and stdout. Closing it ends the server's input, as a
 * client that exits does, and nothing else tells the server.
 */
class PipeClientTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  private readonly buffer = new ReadBuffer();
  constructor(
    private readonly toServer: PassThrough,
    private readonly fromServer: PassThrough,
  ) {}
  async start(): Promise<void> {
    this.fromServer.on('data', (chunk: Buffer) => {
      this.buffer.append(chunk);
      for (let message = this.buffer.readMessage(); message !== null; message = this.buffer.readMessage()) this.onmessage?.(message);
    });
  }
  async send(message: JSONRPCMessage): Promise<void> {
    this.toServer.write(serializeMessage(message));
  }
  async close(): Promise<void> {
    this.toServer.end();
    this.onclose?.();
  }
}

/** The fixture server on the SDK's real StdioServerTransport, over in-process pipes. */
export async function connectOverPipes(instrument: boolean): Promise<ConnectedPair> {
  const server = buildFixtureServer();
  const client = new Client({ name: 'pipe-client', version: '1.0.0' });
  if (instrument) {
    instrumentMcpServer(server);
    instrumentMcpClient(client);
  }
  const toServer = new PassThrough();
  const fromServer = new PassThrough();
  await server.connect(new StdioServerTransport(toServer, fromServer));
  await client.connect(new PipeClientTransport(toServer, fromServer));
  return { client, server, close: () => client.close() };
}
