/**
 * Names that other libraries write on their own spans and that Sightline only reads, to complete those spans
 * into its model-call contract (@sightline/providers). Part of semconv.ts, the one place names live.
 */

// ---------------------------------------------------------------- foreign: @anthropic-ai/sdk
/** Instrumentation scope of the spans that `@anthropic-ai/sdk` (>= 0.134) emits itself; other platforms' clients append `.{platform}`. */
export const ANTHROPIC_SDK_SCOPE = 'com.anthropic.sdk.typescript';
/** Name of the `@anthropic-ai/sdk` call span of `messages.create` and `messages.stream` (CLIENT): one model call, retries included. */
export const ANTHROPIC_SPAN_MESSAGES_CREATE = 'anthropic.messages.create';
/** `@anthropic-ai/sdk` attribute on `anthropic.messages.create` spans: the Message's `stop_reason`; Sightline copies it to `gen_ai.response.finish_reasons`. */
export const ATTR_ANTHROPIC_MESSAGE_STOP_REASON = 'anthropic.message.stop_reason';
/** `@anthropic-ai/sdk`'s name for the input tokens written to the prompt cache; Sightline adds the semconv `gen_ai.usage.cache_creation.input_tokens` beside it. */
export const ATTR_ANTHROPIC_USAGE_CACHE_WRITE_INPUT_TOKENS = 'gen_ai.usage.cache_write.input_tokens';
/** Semconv `gen_ai.request.stream`, which `@anthropic-ai/sdk` sets (`true`) on the call spans of streamed requests. */
export const ATTR_GEN_AI_REQUEST_STREAM = 'gen_ai.request.stream';
/** Semconv `gen_ai.system_instructions`, which `@anthropic-ai/sdk` sets in its content mode: the system prompt's parts as JSON. */
export const ATTR_GEN_AI_SYSTEM_INSTRUCTIONS = 'gen_ai.system_instructions';
/** Semconv `http.response.status_code`, which `@anthropic-ai/sdk` sets on its call spans when a response arrived. */
export const ATTR_HTTP_RESPONSE_STATUS_CODE = 'http.response.status_code';

// ---------------------------------------------------------------- foreign: Vercel AI SDK (ai)
/** Tracer name of the spans that the Vercel AI SDK (`ai` 6, or `ai` 7 with `@ai-sdk/otel`'s `LegacyOpenTelemetry`) emits under `experimental_telemetry`. */
export const AI_SDK_SCOPE = 'ai';
/** AI SDK attribute on every `ai.*` span: which operation the span is (`ai.generateText`, `ai.generateText.doGenerate`, …). */
export const ATTR_AI_OPERATION_ID = 'ai.operationId';
/** The AI SDK operations that are one provider call producing text or an object: each is a model call (`chat`). */
export const AI_SDK_CHAT_OPERATION_IDS: readonly string[] = [
  'ai.generateText.doGenerate',
  'ai.streamText.doStream',
  'ai.generateObject.doGenerate',
  'ai.streamObject.doStream',
];
/** The AI SDK operations that are one provider call producing embeddings: each is a model call (`embeddings`). */
export const AI_SDK_EMBEDDINGS_OPERATION_IDS: readonly string[] = ['ai.embed.doEmbed', 'ai.embedMany.doEmbed'];
/** AI SDK operation of one tool execution; Sightline gives its span the `execute_tool` attributes. */
export const AI_SDK_OPERATION_TOOL_CALL = 'ai.toolCall';
/** AI SDK attribute: the provider id of the model (`openai.chat`, `openai.responses`, `anthropic.messages`, …). */
export const ATTR_AI_MODEL_PROVIDER = 'ai.model.provider';
/** AI SDK attribute: the model id as requested. */
export const ATTR_AI_MODEL_ID = 'ai.model.id';
/** AI SDK attribute: the model id that answered. */
export const ATTR_AI_RESPONSE_MODEL = 'ai.response.model';
/** AI SDK attribute: the provider's response id. */
export const ATTR_AI_RESPONSE_ID = 'ai.response.id';
/** AI SDK attribute on provider calls, unless `recordInputs: false`: the prompt's messages as JSON. */
export const ATTR_AI_PROMPT_MESSAGES = 'ai.prompt.messages';
/** AI SDK attribute on provider calls with tools: each tool's definition as JSON. */
export const ATTR_AI_PROMPT_TOOLS = 'ai.prompt.tools';
/** AI SDK attribute on provider calls, unless `recordOutputs: false`: the generated text. */
export const ATTR_AI_RESPONSE_TEXT = 'ai.response.text';
/** AI SDK attribute on `generateObject` provider calls, unless `recordOutputs: false`: the generated object as JSON. */
export const ATTR_AI_RESPONSE_OBJECT = 'ai.response.object';
/** AI SDK attribute: the unified finish reason (`stop`, `length`, `tool-calls`, …). */
export const ATTR_AI_RESPONSE_FINISH_REASON = 'ai.response.finishReason';
/** AI SDK attribute on streamed provider calls: milliseconds from the call's start to its first chunk. */
export const ATTR_AI_RESPONSE_MS_TO_FIRST_CHUNK = 'ai.response.msToFirstChunk';
/** AI SDK attribute: input tokens, cache reads and writes included (the semconv meaning). */
export const ATTR_AI_USAGE_INPUT_TOKENS = 'ai.usage.inputTokens';
/** AI SDK attribute: output tokens, reasoning included (the semconv meaning). */
export const ATTR_AI_USAGE_OUTPUT_TOKENS = 'ai.usage.outputTokens';
/** AI SDK attribute: input tokens read from the prompt cache. */
export const ATTR_AI_USAGE_CACHE_READ_TOKENS = 'ai.usage.inputTokenDetails.cacheReadTokens';
/** AI SDK attribute: input tokens written to the prompt cache. */
export const ATTR_AI_USAGE_CACHE_WRITE_TOKENS = 'ai.usage.inputTokenDetails.cacheWriteTokens';
/** AI SDK attribute: output tokens spent on reasoning. */
export const ATTR_AI_USAGE_REASONING_TOKENS = 'ai.usage.outputTokenDetails.reasoningTokens';
/** AI SDK attribute on embedding calls: the tokens embedded. */
export const ATTR_AI_USAGE_TOKENS = 'ai.usage.tokens';
/** AI SDK attribute on `ai.toolCall` spans: the tool's name. */
export const ATTR_AI_TOOL_CALL_NAME = 'ai.toolCall.name';
/** AI SDK attribute on `ai.toolCall` spans: the model's id for the call. */
export const ATTR_AI_TOOL_CALL_ID = 'ai.toolCall.id';
/** Semconv's deprecated `gen_ai.system`, which the AI SDK still sets on provider calls, to its provider id (`openai.chat`). */
export const ATTR_GEN_AI_SYSTEM = 'gen_ai.system';
/** Semconv `exception.type`, on the exception event that the AI SDK records on a failed span; Sightline's `error.type` there. */
export const ATTR_EXCEPTION_TYPE = 'exception.type';
