import type { EvaluationContext, Evaluator } from '@sightline/evaluation';
import { setupTestTelemetry, startReplayServer, type ReplayServer } from '@sightline/testing';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

export interface ReplayHarness {
  readonly server: ReplayServer;
  readonly telemetry: ReturnType<typeof setupTestTelemetry>;
  /** Replaces this test's Sightline with one built with `options` (evaluators, pricing). */
  restart(options: Parameters<typeof setupTestTelemetry>[0]): Promise<void>;
}

/**
 * One replay server for the file, the instrumentations registered for the file, and a fresh
 * in-memory Sightline for each test: the hooks of a provider test file.
 */
export function useReplayHarness(...instrument: (() => () => void)[]): ReplayHarness {
  let server: ReplayServer | undefined;
  let telemetry: ReturnType<typeof setupTestTelemetry> | undefined;
  let unregister: (() => void)[] = [];
  beforeAll(async () => {
    server = await startReplayServer();
    unregister = instrument.map((register) => register());
  });
  afterAll(async () => {
    for (const remove of unregister) remove();
    await server?.close();
  });
  beforeEach(() => {
    telemetry = setupTestTelemetry();
  });
  afterEach(() => telemetry?.shutdown());
  return {
    get server() {
      if (server === undefined) throw new Error('the replay server starts in beforeAll');
      return server;
    },
    get telemetry() {
      if (telemetry === undefined) throw new Error('telemetry is set up in beforeEach');
      return telemetry;
    },
    async restart(options) {
      await telemetry?.shutdown();
      telemetry = setupTestTelemetry(options);
    },
  };
}

/** An evaluator that keeps what it is given, and scores it 1. */
export function recordingEvaluator(seen: EvaluationContext[]): Evaluator {
  return {
    name: 'recording',
    evaluate(context) {
      seen.push(context);
      return [{ name: 'seen', value: 1, label: 'ok' }];
    },
  };
}
