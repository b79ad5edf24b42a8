import { SpanKind, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import {
  asObject,
  cachedTracer,
  errorTypeOf,
  finishModelCall,
  isEvaluationEnabled,
  isInsideEvaluation,
  markFailed,
  reportFailure,
  resolveParentContext,
  semconv,
  submitForEvaluation,
  TAGS_CONTEXT_KEY,
  type ModelCallStart,
  type TagValue,
} from '@sightline/core/instrumentation';
import type { OpenAIContent } from './content.js';
import { questionOf, readRequest, type OpenAIEndpoint, type OpenAIRequest } from './request.js';
import type { ReadResult } from './results.js';

export const OPENAI_SCOPE = '@sightline/providers/openai';

/** What the instrumented client adds to every call: its provider name and server. */
export interface ClientSettings {
  readonly providerName: string;
  readonly serverAttributes: Attributes;
  /** An Azure client's deployment, the model of its calls. */
  readonly deployment: string | undefined;
  readonly content: OpenAIContent;
}

/**
 * One model call's span, from the request to the end of its response or stream. Every path
 * (failure, parsed body, finished or abandoned stream, raw response) ends it exactly once.
 */
export class ModelCall {
  readonly context: Context;
  private readonly start: ModelCallStart;
  private readonly question: string | undefined;
  private ended = false;

  private constructor(
    readonly request: OpenAIRequest,
    private readonly span: Span,
    private readonly parentContext: Context,
    providerName: string,
    private readonly content: OpenAIContent,
    body: unknown,
  ) {
    this.context = trace.setSpan(parentContext, span);
    this.start = { operation: request.operation, providerName, requestModel: request.model, startedAt: performance.now() };
    const evaluated = request.endpoint !== 'embeddings' && isEvaluationEnabled() && !isInsideEvaluation(parentContext);
    this.question = evaluated ? questionOf(request.endpoint, asObject(body)) : undefined;
  }

  static begin(endpoint: OpenAIEndpoint, body: unknown, settings: ClientSettings): ModelCall {
    const request = readRequest(endpoint, asObject(body), settings.deployment);
    const parentContext = resolveParentContext();
    // The request's attributes are built afresh per call: completed in place.
    const attributes: Attributes = Object.assign(request.attributes, settings.serverAttributes);
    attributes[semconv.ATTR_GEN_AI_PROVIDER_NAME] = settings.providerName;
    const name = request.model === undefined ? request.operation : `${request.operation} ${request.model}`;
    const span = cachedTracer(OPENAI_SCOPE).startSpan(name, { kind: SpanKind.CLIENT, attributes }, parentContext);
    settings.content.input(span, endpoint, body);
    return new ModelCall(request, span, parentContext, settings.providerName, settings.content, body);
  }

  /** Whether the answer's text is worth keeping while a stream runs: for the evaluators or content capture only. */
  get keepsText(): boolean {
    return this.question !== undefined || this.content.enabled;
  }

  firstChunk(): void {
    this.start.firstChunkAt ??= performance.now();
  }

  succeed(read: ReadResult): void {
    if (!this.close()) return;
    try {
      finishModelCall(this.span, this.start, read.result, undefined, this.parentContext);
      if (this.request.endpoint !== 'embeddings' && (read.answer !== '' || read.result.finishReasons.length > 0)) {
        this.content.output(this.span, read);
      }
      if (this.question !== undefined && read.answer !== '') this.submit(this.question, read);
    } catch (error) {
      reportFailure('openai:finish', error);
    }
    this.span.end();
  }

  fail(error: unknown): void {
    if (!this.close()) return;
    try {
      const errorType = errorTypeOf(error);
      markFailed(this.span, error, errorType);
      finishModelCall(this.span, this.start, undefined, errorType, this.parentContext);
    } catch (problem) {
      reportFailure('openai:finish', problem);
    }
    this.span.end();
  }

  /** The app took the raw HTTP response (`asResponse()`): its body is the app's to read, so usage stays unknown. */
  endUnread(): void {
    this.succeed({ result: { usage: undefined, responseModel: undefined, responseId: undefined, finishReasons: [] }, answer: '' });
  }

  private submit(question: string, read: ReadResult): void {
    submitForEvaluation({
      spanContext: this.span.spanContext(),
      question,
      answer: read.answer,
      model: read.result.responseModel ?? this.request.model ?? 'unknown',
      provider: this.start.providerName,
      tags: this.parentContext.getValue(TAGS_CONTEXT_KEY) as Readonly<Record<string, TagValue>> | undefined,
      responseId: read.result.responseId,
    });
  }

  private close(): boolean {
    if (this.ended) return false;
    this.ended = true;
    return true;
  }
}
