// init or shutdown twice, and the API used before init (issue 19, fault coverage).
// tags.test.ts covers init twice (first instance, one diag warning); pipelines.test.ts and tags.test.ts
// cover the top-level API without any init. Here: shutdown twice and concurrently, the API after
// shutdown, a second init's options, and objects created before init that are used after it.
import { fakeModel } from '@langchain/core/testing';
import { AIMessage } from '@langchain/core/messages';
import { diag, trace } from '@opentelemetry/api';
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
  type Sightline,
} from '@sightline/core';
import { SightlineCallbackHandler } from '@sightline/langchain';
import { readFileSpans } from '@sightline/testing';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureDiag } from '../../packages/core/test/support/faults.js';

let dir: string;
let obs: Sightline | undefined;
let diagLines: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-lifecycle-'));
  diagLines = captureDiag();
});
afterEach(async () => {
  await obs?.shutdown();
  obs = undefined;
  diag.disable();
  rmSync(dir, { recursive: true, force: true });
});

const quiet = { metricExportIntervalMs: 3_600_000 };
const spanNames = (from = dir) => readFileSpans(from).map((span) => span.name).sort();

describe('shutdown twice', () => {
  it('one after the other and concurrently: every call resolves, the data is written once, and nothing is warned', async () => {
    obs = init({ exporters: { file: dir }, ...quiet });
    obs.withTags({ team: 'search' }, () => trace.getTracer('app').startSpan('work').end());
    const concurrent = await Promise.all([obs.shutdown(), obs.shutdown(), forceFlush()]);
    expect(concurrent).toEqual([undefined, undefined, undefined]);
    await expect(obs.shutdown()).resolves.toBeUndefined();
    expect(spanNames()).toEqual(['work']);
    expect(diagLines).toEqual([]);
    obs = undefined;
  });

  it('after shutdown the API is a no-op that returns the app\'s results, and a later init exports again', async () => {
    const first = init({ exporters: { file: dir }, ...quiet });
    await first.shutdown();
    expect(first.withTags({ team: 'search' }, () => 'still runs')).toBe('still runs');
    expect(await traced({ scope: 'app', name: 'after shutdown' }, async () => 42)).toBe(42);
    expect(() => recordMetric(METRICS.llmCost, 1)).not.toThrow();
    await expect(first.forceFlush()).resolves.toBeUndefined();
    expect(existsSync(join(dir, 'traces.jsonl'))).toBe(false);

    obs = init({ exporters: { file: dir }, ...quiet });
    obs.withTags({ team: 'search' }, () => trace.getTracer('app').startSpan('second life').end());
    await obs.shutdown();
    obs = undefined;
    expect(spanNames()).toEqual(['second life']);
  });
});

describe('init twice', () => {
  it('the second call\'s options are ignored, with one warning; telemetry keeps flowing to the first call\'s exporters', async () => {
    const other = join(dir, 'other');
    obs = init({ exporters: { file: dir }, ...quiet });
    const second = init({ exporters: { file: other }, ...quiet });
    expect(second).toBe(obs);
    expect(init({ exporters: { file: other } })).toBe(obs);
    obs.withTags({ team: 'search' }, () => trace.getTracer('app').startSpan('work').end());
    await obs.shutdown();
    obs = undefined;
    expect(spanNames()).toEqual(['work']);
    expect(existsSync(other)).toBe(false);
    expect(diagLines.filter((line) => line.includes('init() was called again'))).toHaveLength(1);
  });
});

describe('the API used before init', () => {
  it('every top-level function returns the app\'s result and throws nothing', async () => {
    const carrier: Record<string, string> = {};
    expect(withTags({ team: 'search' }, () => getTags())).toEqual({});
    expect(await traced({ scope: 'app', name: 'early' }, async (span) => span.isRecording())).toBe(false);
    expect(() => recordMetric(METRICS.llmCost, 1)).not.toThrow();
    expect(() => injectTraceContext(carrier)).not.toThrow();
    expect(() => extractTraceContext(carrier)).not.toThrow();
    const spanContext = { traceId: '0'.repeat(31) + '1', spanId: '0'.repeat(15) + '1', traceFlags: 1 };
    expect(() => submitForEvaluation({ spanContext, question: 'q', answer: 'a', model: 'gpt-4o' })).not.toThrow();
    await expect(forceFlush()).resolves.toBeUndefined();
    expect(diagLines).toEqual([]);
  });

  it('a LangChain handler created at import time, before init, traces the runs made after init', async () => {
    const handler = new SightlineCallbackHandler();
    const early = await fakeModel().respond(new AIMessage('before')).invoke('q', { callbacks: [handler] });
    expect(early.content).toBe('before');

    obs = init({ exporters: { file: dir }, ...quiet });
    const late = await obs.withTags({ team: 'search' }, () =>
      fakeModel().respond(new AIMessage('after')).invoke('q', { callbacks: [handler] }),
    );
    expect(late.content).toBe('after');
    await obs.shutdown();
    obs = undefined;
    const spans = readFileSpans(dir);
    expect(spans).toHaveLength(1);
    expect(spans[0]?.attributes).toMatchObject({ team: 'search' });
    expect(handler.openRuns).toBe(0);
  });
});

describe('known gap', () => {
  // Found while auditing issue 19's fault coverage, not fixed here (src is owned elsewhere): tags set by a
  // withTags scope entered before init are dropped without a word; spans that init's providers record later
  // inside that scope are exported as untagged, so their cost lands on "untagged" silently. Expected: the
  // tags apply once init runs, or one diag warning says they were ignored. Unskip once either holds.
  it.skip('a withTags scope entered before init: its spans after init carry its tags, or a warning says they do not', async () => {
    await withTags({ team: 'search' }, async () => {
      obs = init({ exporters: { file: dir }, ...quiet });
      trace.getTracer('app').startSpan('inside an early scope').end();
    });
    await obs!.shutdown();
    obs = undefined;
    const [span] = readFileSpans(dir);
    const warned = diagLines.some((line) => line.includes('before init'));
    expect(span?.attributes.team === 'search' || warned).toBe(true);
  });
});
