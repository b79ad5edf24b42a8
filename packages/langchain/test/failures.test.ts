import { SpanKind, SpanStatusCode, type Context } from '@opentelemetry/api';
import { AIMessage } from '@langchain/core/messages';
import { RunnableLambda } from '@langchain/core/runnables';
import { fakeModel } from '@langchain/core/testing';
import { tool } from '@langchain/core/tools';
import type { ReadableSpan, Span, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { semconv } from '@sightline/core';
import { SightlineCallbackHandler } from '@sightline/langchain';
import { expectTree, setupTestTelemetry, type TestTelemetry } from '@sightline/testing';
import { createAgent } from 'langchain';
import { afterEach, describe, expect, it } from 'vitest';
import { publishedRunCount } from '../src/parent-resolution.js';
import {
  answerMessage,
  DocsRetriever,
  lookupTool,
  reportFakeModelAs,
  toolCallMessage,
  untaggedAttributes,
  PROMPT_HASH,
} from './helpers.js';

let telemetry: TestTelemetry<never> | undefined;
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});
const start = (options = {}) => (telemetry = setupTestTelemetry(options) as unknown as TestTelemetry<never>);

const failed = (errorType: string) => ({ status: SpanStatusCode.ERROR, errorType });
const outcome = (span: ReadableSpan | undefined) => ({ status: span?.status.code, errorType: span?.attributes[semconv.ATTR_ERROR_TYPE] });

describe('errors pass through unchanged and end the span as failed', () => {
  it('model error', async () => {
    start();
    const error = new TypeError('rate limited');
    const model = fakeModel().respond(error);
    await expect(model.invoke('hi', { callbacks: [new SightlineCallbackHandler()] })).rejects.toBe(error);
    expect(outcome(telemetry!.spans()[0])).toEqual(failed('TypeError'));
    const durations = await telemetry!.points(semconv.METRIC_GEN_AI_CLIENT_OPERATION_DURATION);
    expect(durations[0]?.attributes[semconv.ATTR_ERROR_TYPE]).toBe('TypeError');
  });

  it('tool and chain errors', async () => {
    start();
    const error = new RangeError('bad input');
    const broken = tool(
      async () => {
        throw error;
      },
      { name: 'broken', description: 'x', schema: { type: 'object', properties: {} } },
    );
    const chain = RunnableLambda.from(async (input: string) => input).pipe(RunnableLambda.from(async () => broken.invoke({})));
    const handler = new SightlineCallbackHandler();
    await expect(chain.invoke('x', { callbacks: [handler] })).rejects.toBe(error);
    const spans = telemetry!.spans();
    expect(spans.map((span) => [span.name, ...Object.values(outcome(span))]).sort()).toEqual([
      ['RunnableLambda', SpanStatusCode.UNSET, undefined],
      ['RunnableLambda', SpanStatusCode.ERROR, 'RangeError'],
      ['RunnableSequence', SpanStatusCode.ERROR, 'RangeError'],
      ['execute_tool broken', SpanStatusCode.ERROR, 'RangeError'],
    ]);
    expect(handler.openRuns).toBe(0);
  });

  it('an aborted agent run ends every open span as AbortError and leaves no entry behind', async () => {
    start();
    const restore = reportFakeModelAs('openai', 'gpt-4o-mini');
    try {
      const controller = new AbortController();
      const slow = tool(async () => new Promise((resolve) => setTimeout(() => resolve('late'), 200)), {
        name: 'slow',
        description: 'x',
        schema: { type: 'object', properties: {} },
      });
      const model = fakeModel()
        .respond(new AIMessage({ content: '', tool_calls: [{ name: 'slow', args: {}, id: 'c1', type: 'tool_call' }] }))
        .respond(answerMessage('never'));
      const agent = createAgent({ model, tools: [slow], name: 'aborted' });
      const handler = new SightlineCallbackHandler();
      setTimeout(() => controller.abort(), 30);
      const error = await agent
        .invoke({ messages: [{ role: 'user', content: 'x' }] }, { callbacks: [handler], signal: controller.signal })
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect((error as Error).name).toBe('AbortError');
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(handler.openRuns).toBe(0);
      expect(publishedRunCount()).toBe(0);
      const spans = telemetry!.spans();
      expect(outcome(spans.find((span) => span.name === 'invoke_agent aborted'))).toEqual(failed('AbortError'));
      expect(outcome(spans.find((span) => span.name === 'execute_tool slow'))).toEqual(failed('AbortError'));
    } finally {
      restore();
    }
  });
});

describe('instrumentation failures never break the chain', () => {
  it('a throwing span processor and a throwing exporter leave results and errors untouched', async () => {
    const throwingProcessor: SpanProcessor = {
      onStart: (_span: Span, _context: Context) => {
        throw new Error('processor onStart bug');
      },
      onEnd: () => {
        throw new Error('processor onEnd bug');
      },
      forceFlush: async () => undefined,
      shutdown: async () => undefined,
    };
    const throwingExporter: SpanExporter = {
      export: () => {
        throw new Error('exporter bug');
      },
      shutdown: async () => undefined,
    };
    start({ pipelines: { spanProcessors: [throwingProcessor, new SimpleSpanProcessor({ exporter: throwingExporter })] } });
    const restore = reportFakeModelAs('openai', 'gpt-4o-mini');
    try {
      const handler = new SightlineCallbackHandler();
      const model = fakeModel().respond(toolCallMessage('c1', 'x')).respond(answerMessage('fine'));
      const agent = createAgent({ model, tools: [lookupTool(new DocsRetriever())], name: 'sturdy' });
      const result = await agent.invoke({ messages: [{ role: 'user', content: 'x' }] }, { callbacks: [handler] });
      expect(result.messages.at(-1)?.content).toBe('fine');
      const error = new SyntaxError('user bug');
      await expect(
        fakeModel()
          .respond(error)
          .invoke('x', { callbacks: [handler] }),
      ).rejects.toBe(error);
      expect(handler.openRuns).toBe(0);
    } finally {
      restore();
    }
  });
});

describe('content capture', () => {
  it('is off by default', async () => {
    start();
    await fakeModel()
      .respond(new AIMessage('secret answer'))
      .invoke('secret question', { callbacks: [new SightlineCallbackHandler()] });
    const attributes = telemetry!.spans()[0]?.attributes ?? {};
    expect(attributes[semconv.ATTR_GEN_AI_INPUT_MESSAGES]).toBeUndefined();
    expect(attributes[semconv.ATTR_GEN_AI_OUTPUT_MESSAGES]).toBeUndefined();
  });

  it('records redacted messages when switched on, and drops them when the redactor throws', async () => {
    start({ captureContent: true });
    const handler = new SightlineCallbackHandler({ redactContent: (text) => text.replace(/\d{4}-\d{4}/g, '[card]') });
    await fakeModel()
      .respond(new AIMessage('charged 1111-2222'))
      .invoke('pay with 1234-5678', { callbacks: [handler] });
    expectTree(telemetry!.spans(), {
      name: 'chat',
      kind: SpanKind.CLIENT,
      attributes: {
        [semconv.ATTR_GEN_AI_OPERATION_NAME]: 'chat',
        ...PROMPT_HASH,
        [semconv.ATTR_GEN_AI_PROVIDER_NAME]: 'fakebuiltmodel',
        [semconv.ATTR_GEN_AI_INPUT_MESSAGES]: JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'pay with [card]' }] }]),
        [semconv.ATTR_GEN_AI_OUTPUT_MESSAGES]: JSON.stringify([
          { role: 'assistant', parts: [{ type: 'text', content: 'charged [card]' }] },
        ]),
        [semconv.ATTR_SIGHTLINE_USAGE_MISSING]: true,
        ...untaggedAttributes,
      },
    });
    telemetry!.reset();
    const failing = new SightlineCallbackHandler({
      redactContent: () => {
        throw new Error('redactor bug');
      },
    });
    await expect(
      fakeModel()
        .respond(new AIMessage('ok'))
        .invoke('1234-5678', { callbacks: [failing] }),
    ).resolves.toMatchObject({ content: 'ok' });
    expect(telemetry!.spans()[0]?.attributes[semconv.ATTR_GEN_AI_INPUT_MESSAGES]).toBeUndefined();
  });

  it("cuts a long prompt's texts so the captured messages stay valid JSON, and marks the span", async () => {
    start({ captureContent: true });
    const handler = new SightlineCallbackHandler({ maxContentLength: 4_096 });
    const prompt = `${'"quoted" and\nescaped '.repeat(2_000)}end`;
    await fakeModel()
      .respond(new AIMessage('short answer'))
      .invoke(prompt, { callbacks: [handler] });
    const attributes = telemetry!.spans()[0]?.attributes ?? {};
    const input = String(attributes[semconv.ATTR_GEN_AI_INPUT_MESSAGES]);
    expect(input.length).toBeLessThanOrEqual(4_096);
    const [message] = JSON.parse(input) as { role: string; parts: { type: string; content: string }[] }[];
    expect(message?.role).toBe('user');
    expect(message?.parts[0]?.content.endsWith('…')).toBe(true);
    expect(prompt.startsWith(message?.parts[0]?.content.slice(0, -1) ?? 'x')).toBe(true);
    expect(attributes[semconv.ATTR_SIGHTLINE_CONTENT_TRUNCATED]).toBe(true);
    expect(attributes[semconv.ATTR_GEN_AI_OUTPUT_MESSAGES]).toBe(
      JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: 'short answer' }] }]),
    );
  });
});
