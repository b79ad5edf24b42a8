import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseMessage } from '@langchain/core/messages';
import { AIMessage, AIMessageChunk } from '@langchain/core/messages';
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { BaseRetriever } from '@langchain/core/retrievers';
import { Document } from '@langchain/core/documents';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import { FakeBuiltModel } from '@langchain/core/testing';
import { tool } from '@langchain/core/tools';
import { traced } from '@sightline/core';
import { afterEach, beforeEach, expect } from 'vitest';
import { createAgent } from 'langchain';
import { fakeModel } from '@langchain/core/testing';
import { setupTestTelemetry, type TestTelemetry } from '@sightline/testing';
import { semconv } from '@sightline/core';

export const UNTAGGED = semconv.UNTAGGED_VALUE;
/** Every model span carries a prompt fingerprint; prompt-hash.test.ts checks its values. */
export const PROMPT_HASH = { [semconv.ATTR_SIGHTLINE_PROMPT_HASH]: expect.stringMatching(/^[0-9a-f]{32}$/) };
export const untaggedAttributes = {
  project: UNTAGGED,
  team: UNTAGGED,
  cost_center: UNTAGGED,
  feature: UNTAGGED,
  environment: UNTAGGED,
};

/** A recorded provider response, replayed through a real BaseChatModel so LangChain's own callback path runs. */
export interface ProviderFixture {
  description: string;
  source: string;
  lsParams: { ls_provider?: string; ls_model_name?: string };
  message: { id?: string; content: string; response_metadata: Record<string, unknown> };
  generationInfo?: Record<string, unknown>;
  llmOutput?: Record<string, unknown>;
}

export class FixtureChatModel extends BaseChatModel {
  constructor(private readonly fixture: ProviderFixture) {
    super({});
  }
  _llmType(): string {
    return 'fixture';
  }
  override getLsParams(): ReturnType<BaseChatModel['getLsParams']> {
    return { ls_model_type: 'chat', ...this.fixture.lsParams } as ReturnType<BaseChatModel['getLsParams']>;
  }
  async _generate(): Promise<ChatResult> {
    const { message, generationInfo, llmOutput } = this.fixture;
    return {
      generations: [{ text: message.content, message: new AIMessage(message), ...(generationInfo ? { generationInfo } : {}) }],
      ...(llmOutput ? { llmOutput } : {}),
    };
  }
}

/** Streams `chunks`, then a last chunk that carries the usage (as OpenAI does with stream_options.include_usage). */
export class StreamingChatModel extends BaseChatModel {
  constructor(
    private readonly chunks: string[],
    private readonly delayMs = 5,
  ) {
    super({});
  }
  _llmType(): string {
    return 'streaming-fixture';
  }
  override getLsParams(): ReturnType<BaseChatModel['getLsParams']> {
    return { ls_model_type: 'chat', ls_provider: 'openai', ls_model_name: 'gpt-4o-mini' } as ReturnType<BaseChatModel['getLsParams']>;
  }
  async _generate(): Promise<ChatResult> {
    throw new Error('streaming only');
  }
  override async *_streamResponseChunks(
    _messages: BaseMessage[],
    _options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    for (const text of this.chunks) {
      await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      const chunk = new ChatGenerationChunk({ text, message: new AIMessageChunk({ content: text }) });
      yield chunk;
      await runManager?.handleLLMNewToken(text, undefined, undefined, undefined, undefined, { chunk });
    }
    yield new ChatGenerationChunk({
      text: '',
      message: new AIMessageChunk({
        content: '',
        usage_metadata: { input_tokens: 12, output_tokens: 4, total_tokens: 16 },
        response_metadata: { model_name: 'gpt-4o-mini-2024-07-18', finish_reason: 'stop' },
      }),
    });
  }
}

/** Makes fakeModel() report itself as OpenAI gpt-4o-mini (bindTools builds new instances, so this patches the class). */
export function reportFakeModelAs(provider: string, model: string): () => void {
  const prototype = FakeBuiltModel.prototype as unknown as { getLsParams: unknown };
  const original = Object.getOwnPropertyDescriptor(prototype, 'getLsParams');
  prototype.getLsParams = () => ({ ls_provider: provider, ls_model_name: model, ls_model_type: 'chat' });
  return () => {
    if (original) Object.defineProperty(prototype, 'getLsParams', original);
    else delete prototype.getLsParams;
  };
}

/** A retriever whose body starts a span through core's parent resolution (as @sightline/vector does). */
export class DocsRetriever extends BaseRetriever {
  override lc_namespace = ['sightline', 'test'];
  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    return traced({ scope: 'test', name: 'query docs-db' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return [new Document({ pageContent: `notes about ${query}` })];
    });
  }
}

/** A tool that does some traced work, then calls the retriever. */
export function lookupTool(retriever: BaseRetriever) {
  return tool(
    async ({ q }: { q: string }) => {
      await traced({ scope: 'test', name: 'tool work' }, async () => undefined);
      const docs = await retriever.invoke(q);
      return docs.map((doc) => doc.pageContent).join('\n');
    },
    { name: 'lookup', description: 'Look a topic up', schema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } },
  );
}

export function toolCallMessage(id: string, q: string, usage = { input_tokens: 100, output_tokens: 20, total_tokens: 120 }): AIMessage {
  return new AIMessage({ content: '', tool_calls: [{ name: 'lookup', args: { q }, id, type: 'tool_call' }], usage_metadata: usage });
}

export function answerMessage(text: string, usage = { input_tokens: 200, output_tokens: 50, total_tokens: 250 }): AIMessage {
  return new AIMessage({ content: text, usage_metadata: usage });
}

/** In-memory telemetry per test, with the fake model reported as OpenAI's gpt-4o-mini. */
export function useAgentTelemetry(): () => TestTelemetry<never> {
  let telemetry: TestTelemetry<never>;
  let restoreModel: () => void;
  beforeEach(() => {
    telemetry = setupTestTelemetry() as unknown as TestTelemetry<never>;
    restoreModel = reportFakeModelAs('openai', 'gpt-4o-mini');
  });
  afterEach(async () => {
    restoreModel();
    await telemetry.shutdown();
  });
  return () => telemetry;
}

/** An agent whose model calls the lookup tool (which runs a retriever) once, then answers. */
export function buildLookupAgent(callId = 'call_1', topic = 'otel') {
  const model = fakeModel()
    .respond(toolCallMessage(callId, topic))
    .respond(answerMessage(`answer about ${topic}`));
  return createAgent({ model, tools: [lookupTool(new DocsRetriever())], name: 'helper' });
}
