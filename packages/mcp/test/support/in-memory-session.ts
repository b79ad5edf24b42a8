import type { DefaultTagSchema, InitOptions } from '@sightline/core';
import { afterEach } from 'vitest';
import { setupTestTelemetry, type TestTelemetry } from '../../../testing/src/index.js';
import { connectInMemory, type ConnectedPair, type PairOptions } from './fixture-server.js';

export interface InMemorySession {
  telemetry(options?: InitOptions<DefaultTagSchema>): TestTelemetry<DefaultTagSchema>;
  connect(options: PairOptions): Promise<ConnectedPair>;
}

/**
 * Call inside a describe block: what a test starts through the session is torn
 * down after it — the pair connected last is closed first, so its final spans
 * still reach the telemetry, which is shut down after it.
 */
export function useInMemorySession(): InMemorySession {
  let telemetry: TestTelemetry<DefaultTagSchema> | undefined;
  let pair: ConnectedPair | undefined;
  afterEach(async () => {
    await pair?.close();
    await telemetry?.shutdown();
    pair = telemetry = undefined;
  });
  return {
    telemetry: (options) => (telemetry = setupTestTelemetry(options)),
    connect: async (options) => (pair = await connectInMemory(options)),
  };
}
