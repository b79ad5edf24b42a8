// init or shutdown twice, and the API used before init (issue 19, fault coverage).
// tags.test.ts covers init twice (first instance, one diag warning); pipelines.test.ts and tags.test.ts
// cover the top-level API without any init. Here: shutdown twice and concurrently, the API after
// shutdown, a second init's options, and objects created before init that are used after it.
import { fakeModel } from '@langchain/core/testing';
import { AIMessage } from '@langchain/core/messages';
import { trace } from '@opentelemetry/api';
import {
  extractTraceContext,
  forceFlush,
  getTags,
  init,
  injectTraceContext,
  METRICS,
  recordMetric,
  submitForEvaluation,
  traced,
  withTags,
} from '@sightline/core';
import { SightlineCallbackHandler } from '@sightline/langchain';
import { readFileSpans } from '@sightline/testing';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useFaultSetup } from '../../packages/core/test/support/faults.js';

const setup = useFaultSetup('lifecycle');

const quiet = { metricExportIntervalMs: 3_600_000 };
const spanNames = (from = setup.dir) =>
  readFileSpans(from)
    .map((span) => span.name)
    .sort();

describe('shutdown twice', () => {
  it('one after the other and concurrently: every call resolves, the data is written once, and nothing is warned', async () => {
    setup.obs = init({ exporters: { file: setup.dir }, ...quiet });
    setup.obs.withTags({ team: 'search' }, () => trace.getTracer('app').startSpan('work').end());
    const concurrent = await Promise.all([setup.obs.shutdown(), setup.obs.shutdown(), forceFlush()]);
    expect(concurrent).toEqual([undefined, undefined, undefined]);
    await expect(setup.obs.shutdown()).resolves.toBeUndefined();
    expect(spanNames()).toEqual(['work']);
    expect(setup.diagLines).toEqual([]);
    setup.obs = undefined;
  });

  it("after shutdown the API is a no-op that returns the app's results, and a later init exports again", async () => {
    const first = init({ exporters: { file: setup.dir }, ...quiet });
    await first.shutdown();
    expect(first.withTags({ team: 'search' }, () => 'still runs')).toBe('still runs');
    expect(await traced({ scope: 'app', name: 'after shutdown' }, async () => 42)).toBe(42);
    expect(() => recordMetric(METRICS.llmCost, 1)).not.toThrow();
    await expect(first.forceFlush()).resolves.toBeUndefined();
    expect(existsSync(join(setup.dir, 'traces.jsonl'))).toBe(false);

    setup.obs = init({ exporters: { file: setup.dir }, ...quiet });
    setup.obs.withTags({ team: 'search' }, () => trace.getTracer('app').startSpan('second life').end());
    await setup.obs.shutdown();
    setup.obs = undefined;
    expect(spanNames()).toEqual(['second life']);
  });
});

describe('init twice', () => {
  it("the second call's options are ignored, with one warning; telemetry keeps flowing to the first call's exporters", async () => {
    const other = join(setup.dir, 'other');
    setup.obs = init({ exporters: { file: setup.dir }, ...quiet });
    const second = init({ exporters: { file: other }, ...quiet });
    expect(second).toBe(setup.obs);
    expect(init({ exporters: { file: other } })).toBe(setup.obs);
    setup.obs.withTags({ team: 'search' }, () => trace.getTracer('app').startSpan('work').end());
    await setup.obs.shutdown();
    setup.obs = undefined;
    expect(spanNames()).toEqual(['work']);
    expect(existsSync(other)).toBe(false);
    expect(setup.diagLines.filter((line) => line.includes('init() was called again'))).toHaveLength(1);
  });
});

describe('the API used before init', () => {
  it("every top-level function returns the app's result and throws nothing", async () => {
    const carrier: Record<string, string> = {};
    expect(withTags({ team: 'search' }, () => getTags())).toEqual({});
    expect(await traced({ scope: 'app', name: 'early' }, async (span) => span.isRecording())).toBe(false);
    expect(() => recordMetric(METRICS.llmCost, 1)).not.toThrow();
    expect(() => injectTraceContext(carrier)).not.toThrow();
    expect(() => extractTraceContext(carrier)).not.toThrow();
    const spanContext = { traceId: '0'.repeat(31) + '1', spanId: '0'.repeat(15) + '1', traceFlags: 1 };
    expect(() => submitForEvaluation({ spanContext, question: 'q', answer: 'a', model: 'gpt-4o' })).not.toThrow();
    await expect(forceFlush()).resolves.toBeUndefined();
    expect(setup.diagLines).toEqual([]);
  });

  it('a LangChain handler created at import time, before init, traces the runs made after init', async () => {
    const handler = new SightlineCallbackHandler();
    const early = await fakeModel()
      .respond(new AIMessage('before'))
      .invoke('q', { callbacks: [handler] });
    expect(early.content).toBe('before');

    setup.obs = init({ exporters: { file: setup.dir }, ...quiet });
    const late = await setup.obs.withTags({ team: 'search' }, () =>
      fakeModel()
        .respond(new AIMessage('after'))
        .invoke('q', { callbacks: [handler] }),
    );
    expect(late.content).toBe('after');
    await setup.obs.shutdown();
    setup.obs = undefined;
    const spans = readFileSpans(setup.dir);
    expect(spans).toHaveLength(1);
    expect(spans[0]?.attributes).toMatchObject({ team: 'search' });
    expect(handler.openRuns).toBe(0);
  });
});

describe('a scope entered before init', () => {
  // Module-level code or a server started before init: its withTags scope still applies to what it records after init.
  it('gives the spans it records after init its tags', async () => {
    await withTags({ team: 'search' }, async () => {
      setup.obs = init({ exporters: { file: setup.dir }, ...quiet });
      trace.getTracer('app').startSpan('inside an early scope').end();
      await withTags({ feature: 'faq' }, async () => trace.getTracer('app').startSpan('nested after init').end());
    });
    await setup.obs!.shutdown();
    setup.obs = undefined;
    const spans = readFileSpans(setup.dir);
    expect(spans.map((span) => [span.name, span.attributes.team, span.attributes.feature])).toEqual([
      ['inside an early scope', 'search', 'untagged'],
      ['nested after init', 'search', 'faq'],
    ]);
  });
});
