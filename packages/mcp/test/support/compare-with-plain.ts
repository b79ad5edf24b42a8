import { SpanKind, type Attributes } from '@opentelemetry/api';
import type { DefaultTagSchema } from '@sightline/core';
import { afterEach, expect } from 'vitest';
import { expectTree, setupTestTelemetry, type TestTelemetry } from '../../../testing/src/index.js';
import { connectInMemory, settle, type ConnectedPair, type PairOptions } from './fixture-server.js';

export type Scenario = (pair: ConnectedPair) => Promise<unknown>;

export interface ComparisonOptions extends Omit<PairOptions, 'instrument'> {
  /** Connects a pair some other way than in memory. */
  connect?: (instrument: boolean) => Promise<ConnectedPair>;
}

export interface PlainComparison {
  /** The telemetry of the instrumented run (set up by `runBoth`). */
  telemetry(): TestTelemetry<DefaultTagSchema>;
  /**
   * Runs the scenario on a plain pair, then on an instrumented one under fresh
   * telemetry; the caller must see the same outcome, which is returned.
   * `within` wraps the instrumented run (say, in `withTags`).
   */
  runBoth(scenario: Scenario, options?: ComparisonOptions, within?: <T>(run: () => T) => T): Promise<unknown>;
}

/** Call inside a describe block: pairs and telemetry are torn down after each test. */
export function usePlainComparison(): PlainComparison {
  let telemetry: TestTelemetry<DefaultTagSchema> | undefined;
  const pairs: ConnectedPair[] = [];
  afterEach(async () => {
    for (const pair of pairs.splice(0)) await pair.close();
    await telemetry?.shutdown();
    telemetry = undefined;
  });
  return {
    telemetry: () => telemetry!,
    async runBoth(scenario, options = {}, within = (run) => run()) {
      const connect = options.connect ?? ((instrument: boolean) => connectInMemory({ ...options, instrument }));
      const plain = await connect(false);
      pairs.push(plain);
      const expected = await settle(() => scenario(plain));
      await telemetry?.shutdown();
      telemetry = setupTestTelemetry();
      const instrumented = await connect(true);
      pairs.push(instrumented);
      const actual = await settle(() => within(() => scenario(instrumented)));
      expect(actual).toEqual(expected);
      return actual;
    },
  };
}

/** Asserts one CLIENT span with its SERVER child, both named `name` and carrying exactly `attributes`. */
export function expectCallPair(spans: Parameters<typeof expectTree>[0], name: string, attributes: Attributes): void {
  expectTree(spans, { name, kind: SpanKind.CLIENT, attributes, children: [{ name, kind: SpanKind.SERVER, attributes }] });
}
