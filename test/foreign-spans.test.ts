// Spans of other OpenTelemetry instrumentations (the real instrumentation-http and
// instrumentation-undici) started inside LangChain tool, retriever and model runs
// nest under those runs, through core's resolving context manager.
import type { IncomingMessage, Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { context, metrics, propagation, SpanKind, trace } from '@opentelemetry/api';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage } from '@langchain/core/messages';
import { Document } from '@langchain/core/documents';
import type { ChatResult } from '@langchain/core/outputs';
import { BaseRetriever } from '@langchain/core/retrievers';
import { fakeModel } from '@langchain/core/testing';
import { RunnableLambda } from '@langchain/core/runnables';
import { tool } from '@langchain/core/tools';
import { sightlineComponents } from '@sightline/core';
import { SightlineCallbackHandler } from '@sightline/langchain';
import { childrenOf, renderTree, rootsOf, setupTestTelemetry, type TestTelemetry } from '@sightline/testing';
import { createAgent } from 'langchain';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { logsApi } from '../packages/core/src/internal/logs-api.js';
import { sightlineContextManager } from '../packages/core/src/spans/resolving-context-manager.js';

// Both patch on construction. instrumentation-http hooks `require`, so `http` must be
// required after this line: vitest's ESM import of node:http would bypass the hook.
const instrumentations = [new HttpInstrumentation(), new UndiciInstrumentation()];
const http = createRequire(import.meta.url)('node:http') as typeof import('node:http');

let server: Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((request, response) => {
    // A short wait lets concurrent requests interleave.
    setTimeout(() => response.end(`ok ${request.url}`), 2);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  instrumentations.forEach((instrumentation) => instrumentation.disable());
  await new Promise((resolve) => server.close(resolve));
});

function httpGet(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, (response: IncomingMessage) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

const fetchText = async (path: string) => (await fetch(`${base}${path}`)).text();

class FetchingRetriever extends BaseRetriever {
  override lc_namespace = ['sightline', 'test'];
  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    return [new Document({ pageContent: await fetchText(`/docs?q=${query}`) })];
  }
}

const lookup = tool(
  async ({ q }: { q: string }) => {
    const fetched = await fetchText(`/fetch?q=${q}`);
    const got = await httpGet(`/get?q=${q}`);
    const docs = await new FetchingRetriever().invoke(q);
    return [fetched, got, ...docs.map((doc) => doc.pageContent)].join('\n');
  },
  { name: 'lookup', description: 'Look a topic up', schema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } },
);

function agent(q: string) {
  const model = fakeModel()
    .respond(new AIMessage({ content: '', tool_calls: [{ name: 'lookup', args: { q }, id: `call_${q}`, type: 'tool_call' }] }))
    .respond(new AIMessage({ content: `answer about ${q}` }));
  return createAgent({ model, tools: [lookup], name: 'helper' });
}

/** A chat model whose body calls its provider over HTTP, as real provider SDKs do. */
class FetchingChatModel extends BaseChatModel {
  _llmType(): string {
    return 'fetching';
  }
  async _generate(): Promise<ChatResult> {
    const text = await fetchText('/v1/chat');
    return { generations: [{ text, message: new AIMessage(text) }] };
  }
}

/** A span tree as nested labels: a leaf is its label, a parent `[label, children]` in start order. */
type Tree = string | [string, Tree[]];

/** HTTP spans are all named `GET`; the label says which instrumentation and side made them, and the path. */
function labelOf(span: ReadableSpan): string {
  const scope = span.instrumentationScope.name;
  const url = span.attributes['url.full'];
  const query = span.attributes['url.query'];
  const path =
    typeof url === 'string'
      ? new URL(url).pathname + new URL(url).search
      : `${String(span.attributes['url.path'])}${query ? `?${String(query)}` : ''}`;
  if (scope === '@opentelemetry/instrumentation-undici') return `fetch ${path}`;
  if (scope === '@opentelemetry/instrumentation-http') return span.kind === SpanKind.SERVER ? `server ${path}` : `http.get ${path}`;
  return span.name;
}

function treeOf(spans: readonly ReadableSpan[]): Tree[] {
  const walk = (span: ReadableSpan): Tree => {
    const children = childrenOf(spans, span);
    return children.length === 0 ? labelOf(span) : [labelOf(span), children.map(walk)];
  };
  return rootsOf(spans).map(walk);
}

/** The agent run: the tool's fetch and http.get, and the retriever's fetch inside it, each with the server's span. */
function agentTree(q: string): Tree {
  const modelStep: Tree = ['model_request', ['chat', 'RunnableLambda']];
  return [
    'invoke_agent helper',
    [
      modelStep,
      [
        'tools',
        [
          [
            'execute_tool lookup',
            [
              [`fetch /fetch?q=${q}`, [`server /fetch?q=${q}`]],
              [`http.get /get?q=${q}`, [`server /get?q=${q}`]],
              ['retrieval FetchingRetriever', [[`fetch /docs?q=${q}`, [`server /docs?q=${q}`]]]],
            ],
          ],
        ],
      ],
      modelStep,
    ],
  ];
}

const traceIds = (spans: readonly ReadableSpan[]) => new Set(spans.map((span) => span.spanContext().traceId));

describe('foreign instrumentations under init()', () => {
  let telemetry: TestTelemetry<never>;
  beforeEach(() => {
    // Installed before init, which leaves a registered context manager in place.
    context.setGlobalContextManager(sightlineContextManager().enable());
    telemetry = setupTestTelemetry() as unknown as TestTelemetry<never>;
    for (const instrumentation of instrumentations) instrumentation.setTracerProvider(trace.getTracerProvider());
  });
  afterEach(async () => {
    await telemetry.shutdown();
    context.disable();
  });

  it('nests fetch and http.get spans of a tool and a retriever under their run spans, and the server spans under the client spans', async () => {
    const handler = new SightlineCallbackHandler();
    await agent('otel').invoke({ messages: [{ role: 'user', content: 'hi' }] }, { callbacks: [handler] });
    const spans = telemetry.spans();
    expect(treeOf(spans), renderTree(spans)).toEqual([agentTree('otel')]);
    expect(traceIds(spans).size).toBe(1);
    expect(handler.openRuns).toBe(0);
  });

  it("nests a model body's HTTP call under the chat span, and calls outside runs under the caller's active span", async () => {
    const handler = new SightlineCallbackHandler();
    // The model is called from a runnable's body, as an agent's model node calls it: a model run has no
    // LangChain context frame of its own, so the resolver finds it as the newest open model of that frame.
    const answer = RunnableLambda.from((question: string) => new FetchingChatModel({}).invoke(question)).withConfig({ runName: 'answer' });
    await trace.getTracer('app').startActiveSpan('POST /ask', async (request) => {
      await fetchText('/before');
      await answer.invoke('hi', { callbacks: [handler] });
      await httpGet('/after');
      request.end();
    });
    const spans = telemetry.spans();
    expect(treeOf(spans), renderTree(spans)).toEqual([
      [
        'POST /ask',
        [
          ['fetch /before', ['server /before']],
          ['answer', [['chat', [['fetch /v1/chat', ['server /v1/chat']]]]]],
          ['http.get /after', ['server /after']],
        ],
      ],
    ]);
    expect(traceIds(spans).size).toBe(1);
    expect(handler.openRuns).toBe(0);
  });

  it('gives each of concurrent runs its own tree, trace and tags, foreign spans included', async () => {
    const handler = new SightlineCallbackHandler();
    const topics = Array.from({ length: 8 }, (_, index) => `topic-${index}`);
    await Promise.all(
      topics.map((q, index) =>
        telemetry.obs.withTags({ team: `team-${index}` } as never, () =>
          agent(q).invoke({ messages: [{ role: 'user', content: q }] }, { callbacks: [handler] }),
        ),
      ),
    );
    const spans = telemetry.spans();
    expect(traceIds(spans).size).toBe(topics.length);
    topics.forEach((q, index) => {
      const traceId = spans.find((span) => labelOf(span) === `fetch /docs?q=${q}`)!.spanContext().traceId;
      const ofTrace = spans.filter((span) => span.spanContext().traceId === traceId);
      expect(treeOf(ofTrace), renderTree(ofTrace)).toEqual([agentTree(q)]);
      // Client spans take the tags from the resolved context, server spans from the baggage.
      expect(new Set(ofTrace.map((span) => span.attributes.team))).toEqual(new Set([`team-${index}`]));
    });
    expect(handler.openRuns).toBe(0);
  });
});

describe("foreign instrumentations in the app's own NodeSDK", () => {
  it('nest under LangChain runs when the SDK gets contextManager: sightlineContextManager()', async () => {
    const appSpans = new InMemorySpanExporter();
    const parts = sightlineComponents({ exporters: { file: false } });
    const sdk = new NodeSDK({
      ...parts,
      autoDetectResources: false,
      contextManager: sightlineContextManager(),
      instrumentations,
      spanProcessors: [...parts.spanProcessors, new SimpleSpanProcessor({ exporter: appSpans })],
    });
    sdk.start();
    try {
      await agent('sdk').invoke({ messages: [{ role: 'user', content: 'hi' }] }, { callbacks: [new SightlineCallbackHandler()] });
      const spans = appSpans.getFinishedSpans();
      expect(treeOf(spans), renderTree(spans)).toEqual([agentTree('sdk')]);
      expect(traceIds(spans).size).toBe(1);
    } finally {
      await parts.sightline.shutdown();
      await sdk.shutdown();
      // NodeSDK's shutdown leaves its globals registered.
      for (const api of [trace, context, propagation, metrics, logsApi()]) api.disable();
    }
  });
});
