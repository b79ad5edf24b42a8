import { ChromaClient } from 'chromadb';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startChroma, type ChromaServer } from './chroma-server.js';
import { setupTelemetry, type Telemetry } from './telemetry.js';

type ChromaClientOptions = NonNullable<ConstructorParameters<typeof ChromaClient>[0]>;

export interface ChromaSuite {
  /** The real Chroma server this file's tests share. */
  readonly server: ChromaServer;
  /** A plain (uninstrumented) client of that server. */
  client(options?: Omit<ChromaClientOptions, 'host' | 'port'>): ChromaClient;
  telemetry(options?: Parameters<typeof setupTelemetry>[0]): Telemetry;
}

/**
 * Call at the top of a test file: one Chroma server for the whole file (started
 * before the first test, stopped after the last), and telemetry per test, shut
 * down after each.
 */
export function useChromaSuite(): ChromaSuite {
  let server: ChromaServer | undefined;
  let telemetry: Telemetry | undefined;
  beforeAll(async () => {
    server = await startChroma();
  });
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(async () => {
    await telemetry?.shutdown();
    telemetry = undefined;
  });
  const suite: ChromaSuite = {
    get server() {
      if (server === undefined) throw new Error('the Chroma server starts in beforeAll: use it inside a test');
      return server;
    },
    client: (options = {}) => new ChromaClient({ host: suite.server.host, port: suite.server.port, ...options }),
    telemetry: (options) => (telemetry = setupTelemetry(options)),
  };
  return suite;
}
