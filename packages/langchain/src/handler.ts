import { SpanKind } from '@opentelemetry/api';
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import type { Serialized } from '@langchain/core/load/serializable';
import type { BaseMessage } from '@langchain/core/messages';
import type { LLMResult } from '@langchain/core/outputs';
import { reportFailure, safely, semconv } from '@sightline/core/instrumentation';
import { MetadataTagReader } from './metadata-tags.js';
import { LangChainContent } from './content.js';
import { holdQuestion, noteRetrieval, submitModelRun } from './evaluation-handoff.js';
import { identifyModel } from './model-identity.js';
import { finishModelRun } from './model-end.js';
import { fingerprintPrompt } from './prompt-fingerprint.js';
import { chainSpan, retrieverSpan, runErrorType, toolSpan } from './run-kinds.js';
import type { RunEntry } from './run-entry.js';
import { NO_OUTCOME, RunTracker } from './run-tracker.js';
import type { SightlineCallbackHandlerOptions } from './types.js';
import { readModelResponse } from './usage/model-response.js';
import { shareLangChainStorage } from './shared-storage.js';

type Metadata = Record<string, unknown>;

/**
 * Maps LangChain runs to OpenTelemetry spans: agents, chains, model calls,
 * tools and retrievers. One instance may serve every request of a process:
 * runs are keyed by LangChain's unique run ids, and parents and tags come from
 * each run's own async context. Pass it per call (`callbacks: [handler]`) or
 * bind it once (`runnable.withConfig({ callbacks: [handler] })`).
 *
 * Callback arguments follow the order LangChain's CallbackManager passes them
 * (which differs from some declared parameter names in @langchain/core).
 */
export class SightlineCallbackHandler extends BaseCallbackHandler {
  name = 'sightline_callback_handler';
  private readonly tracker: RunTracker;
  private readonly content: LangChainContent;
  private readonly recordChains: boolean;
  private readonly metadata: MetadataTagReader;

  constructor(options: SightlineCallbackHandlerOptions = {}) {
    super();
    // Our callbacks must run before the run's body, so the span exists (and resolves as a parent) inside it.
    this.awaitHandlers = true;
    safely('langchain:sharedStorage', shareLangChainStorage);
    this.tracker = new RunTracker(options.maxOpenRuns ?? 10_000);
    this.content = new LangChainContent(options);
    this.recordChains = options.recordChains ?? true;
    this.metadata = new MetadataTagReader(options.metadataTags);
  }

  /** LangChain may copy handlers; a copy would lose the open runs, so every copy is this instance. */
  override copy(): this {
    return this;
  }

  /** How many runs are open right now (0 once every run has ended). */
  get openRuns(): number {
    return this.tracker.runs.size;
  }

  /** Ends every open span; call when tearing down. */
  dispose(): void {
    safely('langchain:dispose', () => this.tracker.endAll());
  }

  override handleChainStart(
    chain: Serialized,
    _inputs: unknown,
    runId: string,
    parentRunId?: string,
    tags?: string[],
    metadata?: Metadata,
    _runType?: string,
    runName?: string,
  ): void {
    // The hot callbacks catch inline rather than through `safely`: no closure per call.
    try {
      this.tracker.start(
        runId,
        parentRunId,
        chainSpan(chain, runName, tags, metadata, this.recordChains),
        false,
        this.metadata.read(metadata),
      );
    } catch (error) {
      reportFailure('langchain:chainStart', error);
    }
  }

  override handleChainEnd(_outputs: unknown, runId: string): void {
    try {
      this.tracker.end(runId, NO_OUTCOME);
    } catch (error) {
      reportFailure('langchain:chainEnd', error);
    }
  }

  override handleChainError(error: unknown, runId: string): void {
    this.fail(runId, error);
  }

  override handleChatModelStart(
    llm: Serialized,
    messages: BaseMessage[][],
    runId: string,
    parentRunId?: string,
    extraParams?: Metadata,
    _tags?: string[],
    metadata?: Metadata,
  ): void {
    try {
      // One prompt per call is the rule; Array#flat costs about a microsecond even on [[...]], so skip it then.
      const prompt = messages.length === 1 ? (messages[0] as BaseMessage[]) : messages.flat();
      const entry = this.startModel(llm, runId, parentRunId, prompt, extraParams, metadata);
      if (this.content.enabled) this.content.record(entry.span, semconv.ATTR_GEN_AI_INPUT_MESSAGES, () => this.content.messages(prompt));
    } catch (error) {
      reportFailure('langchain:chatModelStart', error);
    }
  }

  override handleLLMStart(
    llm: Serialized,
    prompts: string[],
    runId: string,
    parentRunId?: string,
    extraParams?: Metadata,
    _tags?: string[],
    metadata?: Metadata,
  ): void {
    safely('langchain:llmStart', () => {
      const entry = this.startModel(llm, runId, parentRunId, prompts, extraParams, metadata);
      if (this.content.enabled)
        this.content.record(entry.span, semconv.ATTR_GEN_AI_INPUT_MESSAGES, () =>
          prompts.map((prompt) => ({ role: 'user', parts: [{ type: 'text', content: this.content.text(prompt) }] })),
        );
    });
  }

  override handleLLMNewToken(_token: string, _index: unknown, runId: string): void {
    const model = this.tracker.get(runId)?.model;
    if (model !== undefined && model.firstChunkAt === undefined) model.firstChunkAt = performance.now();
  }

  override handleLLMEnd(output: LLMResult, runId: string): void {
    try {
      if (this.content.enabled) {
        this.content.record(this.tracker.get(runId)?.span, semconv.ATTR_GEN_AI_OUTPUT_MESSAGES, () => this.content.completions(output));
      }
      this.tracker.end(runId, {
        beforeEnd: (ended) => {
          const response = readModelResponse(output);
          finishModelRun(ended, response, undefined);
          submitModelRun(ended, output, response);
        },
      });
    } catch (error) {
      reportFailure('langchain:llmEnd', error);
    }
  }

  override handleLLMError(error: unknown, runId: string): void {
    safely('langchain:llmError', () => {
      const errorType = runErrorType(error);
      this.tracker.end(runId, {
        error,
        errorType,
        beforeEnd: (ended) => {
          finishModelRun(ended, undefined, errorType);
          submitModelRun(ended, undefined, undefined);
        },
      });
    });
  }

  override handleToolStart(
    tool: Serialized,
    input: string,
    runId: string,
    parentRunId?: string,
    _tags?: string[],
    metadata?: Metadata,
    runName?: string,
    toolCallId?: string,
  ): void {
    safely('langchain:toolStart', () => {
      const entry = this.tracker.start(runId, parentRunId, toolSpan(tool, runName, toolCallId), false, this.metadata.read(metadata));
      if (this.content.enabled) this.content.record(entry.span, semconv.ATTR_GEN_AI_TOOL_CALL_ARGUMENTS, () => this.content.text(input));
    });
  }

  override handleToolEnd(output: unknown, runId: string): void {
    safely('langchain:toolEnd', () => {
      if (this.content.enabled)
        this.content.record(this.tracker.get(runId)?.span, semconv.ATTR_GEN_AI_TOOL_CALL_RESULT, () =>
          this.content.text(toolOutputText(output)),
        );
      this.tracker.end(runId, NO_OUTCOME);
    });
  }

  override handleToolError(error: unknown, runId: string): void {
    this.fail(runId, error);
  }

  override handleRetrieverStart(
    retriever: Serialized,
    _query: string,
    runId: string,
    parentRunId?: string,
    _tags?: string[],
    metadata?: Metadata,
    name?: string,
  ): void {
    safely('langchain:retrieverStart', () => {
      this.tracker.start(runId, parentRunId, retrieverSpan(retriever, name), true, this.metadata.read(metadata));
    });
  }

  override handleRetrieverEnd(documents: unknown, runId: string): void {
    safely('langchain:retrieverEnd', () => {
      noteRetrieval(this.tracker.get(runId), documents);
      this.tracker.end(runId, NO_OUTCOME);
    });
  }

  override handleRetrieverError(error: unknown, runId: string): void {
    this.fail(runId, error);
  }

  private startModel(
    llm: Serialized,
    runId: string,
    parentRunId: string | undefined,
    prompt: BaseMessage[] | string[],
    extraParams?: Metadata,
    metadata?: Metadata,
  ): RunEntry {
    const identity = identifyModel(llm, extraParams, metadata);
    const attributes: Record<string, string | number> = { [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_CHAT };
    if (identity.providerName !== undefined) attributes[semconv.ATTR_GEN_AI_PROVIDER_NAME] = identity.providerName;
    if (identity.requestModel !== undefined) attributes[semconv.ATTR_GEN_AI_REQUEST_MODEL] = identity.requestModel;
    if (identity.temperature !== undefined) attributes[semconv.ATTR_GEN_AI_REQUEST_TEMPERATURE] = identity.temperature;
    if (identity.maxTokens !== undefined) attributes[semconv.ATTR_GEN_AI_REQUEST_MAX_TOKENS] = identity.maxTokens;
    const hash = fingerprintPrompt(identity.requestModel, prompt, extraParams);
    if (hash !== undefined) attributes[semconv.ATTR_SIGHTLINE_PROMPT_HASH] = hash;
    const name =
      identity.requestModel === undefined ? semconv.GEN_AI_OPERATION_CHAT : `${semconv.GEN_AI_OPERATION_CHAT} ${identity.requestModel}`;
    const entry = this.tracker.start(runId, parentRunId, { name, kind: SpanKind.CLIENT, attributes }, true, this.metadata.read(metadata));
    entry.model = { requestModel: identity.requestModel, providerName: identity.providerName, startedAt: performance.now() };
    holdQuestion(entry, prompt);
    return entry;
  }

  private fail(runId: string, error: unknown): void {
    safely('langchain:runError', () => this.tracker.end(runId, { error, errorType: runErrorType(error) }));
  }
}

function toolOutputText(output: unknown): string {
  const content = (output as { content?: unknown } | null)?.content;
  if (typeof content === 'string') return content;
  if (typeof output === 'string') return output;
  return JSON.stringify(content ?? output) ?? '';
}
