import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { RunnableLambda } from '@langchain/core/runnables';
import { semconv } from '@sightline/core';
import { SightlineCallbackHandler } from '@sightline/langchain';
import { instrumentLangChain, uninstrumentLangChain } from '@sightline/langchain/zero-touch';
import { findSpan, type TestTelemetry } from '@sightline/testing';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildLookupAgent, untaggedAttributes, useAgentTelemetry } from './helpers.js';

const current = useAgentTelemetry();
let telemetry: TestTelemetry<never>;
beforeEach(() => {
  telemetry = current();
});
afterEach(() => uninstrumentLangChain());

const buildAgent = () => buildLookupAgent();
const ask = { messages: [{ role: 'user', content: 'what is otel?' }] };

/** The tree without ids: each span's name, its parent's name, and its whole attribute object. */
function shape(spans: ReadableSpan[]): unknown[] {
  const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
  return spans
    .map((span) => [span.name, byId.get(span.parentSpanContext?.spanId ?? '')?.name ?? null, span.attributes])
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** An app's own handler: it only counts the runs it sees. */
class CountingHandler extends BaseCallbackHandler {
  name = 'counting_handler';
  starts = 0;
  override handleChainStart(): void {
    this.starts++;
  }
  override handleChatModelStart(): void {
    this.starts++;
  }
  override handleToolStart(): void {
    this.starts++;
  }
  override handleRetrieverStart(): void {
    this.starts++;
  }
}

describe('instrumentLangChain()', () => {
  it('traces runs that pass no callbacks exactly as the explicit handler does', async () => {
    await telemetry.obs.withTags({ team: 'search' } as never, () =>
      buildAgent().invoke(ask, { callbacks: [new SightlineCallbackHandler()] }),
    );
    const explicit = shape(telemetry.spans());
    expect(explicit).toHaveLength(12);
    telemetry.reset();

    const handler = instrumentLangChain();
    await telemetry.obs.withTags({ team: 'search' } as never, () => buildAgent().invoke(ask));
    expect(shape(telemetry.spans())).toEqual(explicit);
    expect(handler.openRuns).toBe(0);
  });

  it('is idempotent, and never counts a run twice when the handler is also passed explicitly', async () => {
    const first = instrumentLangChain();
    expect(instrumentLangChain({ recordChains: false })).toBe(first);
    for (const explicit of [first, new SightlineCallbackHandler()]) {
      telemetry.reset();
      await buildAgent().invoke(ask, { callbacks: [explicit] });
      const spans = telemetry.spans();
      expect(spans).toHaveLength(12);
      expect(new Set(spans.map((span) => span.spanContext().traceId)).size).toBe(1);
    }
  });

  it("leaves the app's own handlers seeing every run", async () => {
    const mine = new CountingHandler();
    await buildAgent().invoke(ask, { callbacks: [mine] });
    const alone = mine.starts;
    expect(alone).toBeGreaterThan(0);
    telemetry.reset();

    instrumentLangChain();
    const again = new CountingHandler();
    await buildAgent().invoke(ask, { callbacks: [again] });
    expect(again.starts).toBe(alone);
    expect(telemetry.spans()).toHaveLength(12);
  });

  // LangChain keeps the hook in an async context variable; on Node 24 a frame set after the setup's first await stays there.
  it('traces the runs started after an async setup that called it before its first await', async () => {
    const setup = async () => {
      instrumentLangChain();
      await new Promise((resolve) => setTimeout(resolve, 1));
    };
    await setup();
    await buildAgent().invoke(ask);
    expect(telemetry.spans()).toHaveLength(12);
  });

  it('stops tracing after uninstrumentLangChain()', async () => {
    instrumentLangChain();
    uninstrumentLangChain();
    await buildAgent().invoke(ask);
    // Only the app's own spans (started by the tool and the retriever) remain: no LangChain run spans.
    expect(telemetry.spans().map((span) => span.name)).toEqual(['tool work', 'query docs-db']);
  });
});

describe('LangChain metadata as Sightline tags', () => {
  const step = RunnableLambda.from(async (input: string) => `${input}!`).withConfig({ runName: 'step' });
  const chain = RunnableLambda.from(async (input: string) => step.invoke(input)).withConfig({ runName: 'outer' });

  it("turns schema keys of a run's metadata into tags on it, its children and their metrics", async () => {
    const handler = instrumentLangChain();
    await chain.invoke('x', { metadata: { team: 'search', feature: 'faq', unrelated: 'kept out' } });
    const tags = { ...untaggedAttributes, team: 'search', feature: 'faq' };
    expect(findSpan(telemetry.spans(), 'outer').attributes).toEqual(tags);
    expect(findSpan(telemetry.spans(), 'step').attributes).toEqual(tags);

    await buildAgent().invoke(ask, { metadata: { team: 'search' } });
    const cost = await telemetry.points(semconv.METRIC_SIGHTLINE_LLM_COST);
    expect(cost.map((point) => point.attributes.team)).toEqual(['search']);
    expect(handler.openRuns).toBe(0);
  });

  it('reads other keys through metadataTags, drops invalid values, and maps thread_id to gen_ai.conversation.id', async () => {
    instrumentLangChain({ metadataTags: { tenant: 'team' } });
    await chain.invoke('x', { metadata: { tenant: 'acme', feature: '', thread_id: 'thread-7' } });
    const outer = findSpan(telemetry.spans(), 'outer');
    // An empty feature fails the schema: dropped and counted, like withTags input; the run is traced anyway.
    expect(outer.attributes).toEqual({ ...untaggedAttributes, team: 'acme', [semconv.ATTR_GEN_AI_CONVERSATION_ID]: 'thread-7' });
  });

  it('maps session_id and user_id metadata onto the optional session.id and user.id tags: user id hashed, neither on metrics', async () => {
    instrumentLangChain();
    await buildAgent().invoke(ask, { metadata: { session_id: 's-1', user_id: 'alice@example.com' } });
    const userHash = `sha256:${createHash('sha256').update('alice@example.com').digest('hex').slice(0, 16)}`;
    const spans = telemetry.spans();
    expect(spans.length).toBeGreaterThan(1);
    for (const span of spans) {
      expect(span.attributes, span.name).toMatchObject({ ...untaggedAttributes, 'session.id': 's-1', 'user.id': userHash });
    }
    const cost = await telemetry.points(semconv.METRIC_SIGHTLINE_LLM_COST);
    expect(cost.map((point) => point.attributes)).toEqual([expect.objectContaining(untaggedAttributes)]);
    expect(Object.keys(cost[0]?.attributes ?? {})).not.toContain('user.id');
    expect(Object.keys(cost[0]?.attributes ?? {})).not.toContain('session.id');
  });
});
