import type { TokenUsage } from '../pricing/types.js';
import { asObject, numberAt, sum, type Loose } from './loose-fields.js';

/**
 * Token usage in the raw shapes that providers return and that LangChain
 * integrations leave in `response_metadata` or `llmOutput`. All are normalised
 * to the semconv meaning: input includes cached tokens, output includes
 * reasoning tokens.
 */
export function usageFromProviderShape(container: Loose | undefined): TokenUsage | undefined {
  if (container === undefined) return undefined;
  return (
    gemini(asObject(container.usageMetadata)) ??
    bedrockInvokeModel(container) ??
    fromUsageObject(asObject(container.usage)) ??
    langChainOpenAi(asObject(container.tokenUsage) ?? asObject(container.estimatedTokenUsage))
  );
}

function fromUsageObject(usage: Loose | undefined): TokenUsage | undefined {
  if (usage === undefined) return undefined;
  if (usage.inputTokens !== undefined) return cacheAddedBack(usage, BEDROCK_CONVERSE);
  if (usage.prompt_tokens !== undefined) return openAiChatCompletions(usage);
  if (usage.input_tokens_details !== undefined || usage.output_tokens_details !== undefined) return openAiResponses(usage);
  if (usage.input_tokens !== undefined) return cacheAddedBack(usage, ANTHROPIC);
  return undefined;
}

/** Where an OpenAI API keeps its counts; the details keys are spelled out, not built per call. */
interface OpenAiFields {
  input: string;
  inputDetails: string;
  output: string;
  outputDetails: string;
}

/** OpenAI and Azure OpenAI Chat Completions: `usage.prompt_tokens` includes cached tokens. */
const CHAT_COMPLETIONS: OpenAiFields = {
  input: 'prompt_tokens',
  inputDetails: 'prompt_tokens_details',
  output: 'completion_tokens',
  outputDetails: 'completion_tokens_details',
};
/** OpenAI Responses API: `usage.input_tokens` includes cached tokens. */
const RESPONSES: OpenAiFields = {
  input: 'input_tokens',
  inputDetails: 'input_tokens_details',
  output: 'output_tokens',
  outputDetails: 'output_tokens_details',
};

function openAiChatCompletions(usage: Loose): TokenUsage | undefined {
  return openAi(usage, CHAT_COMPLETIONS);
}

function openAiResponses(usage: Loose): TokenUsage | undefined {
  return openAi(usage, RESPONSES);
}

/**
 * Both OpenAI APIs count cached tokens in input and reasoning tokens in output
 * (the semconv meaning already), detailing each under `{field}_details`.
 */
function openAi(usage: Loose, fields: OpenAiFields): TokenUsage | undefined {
  return build(
    numberAt(usage, fields.input),
    numberAt(usage, fields.output),
    numberAt(usage, fields.inputDetails, 'cached_tokens'),
    undefined,
    numberAt(usage, fields.outputDetails, 'reasoning_tokens'),
  );
}

/** `llmOutput.tokenUsage` as older LangChain OpenAI integrations report it. */
function langChainOpenAi(usage: Loose | undefined): TokenUsage | undefined {
  if (usage === undefined) return undefined;
  return build(numberAt(usage, 'promptTokens'), numberAt(usage, 'completionTokens'));
}

/**
 * AWS Bedrock InvokeModel: the model-independent counts are in the
 * `amazon-bedrock-invocationMetrics` object (streamed responses) or in the
 * `x-amzn-bedrock-*-token-count` response headers.
 */
function bedrockInvokeModel(container: Loose): TokenUsage | undefined {
  const metrics = asObject(container['amazon-bedrock-invocationMetrics']);
  if (metrics !== undefined) return cacheAddedBack(metrics, BEDROCK_INVOCATION_METRICS);
  const headers = asObject(container.headers) ?? container;
  if (numberAt(headers, BEDROCK_HEADERS.input) === undefined) return undefined;
  return cacheAddedBack(headers, BEDROCK_HEADERS);
}

/** Where a shape whose input count leaves out cache reads and writes keeps its counts. */
interface CacheExcludedFields {
  input: string;
  output: string;
  cacheRead: string;
  cacheWrite: string;
}

/** Anthropic Messages. */
const ANTHROPIC: CacheExcludedFields = {
  input: 'input_tokens',
  output: 'output_tokens',
  cacheRead: 'cache_read_input_tokens',
  cacheWrite: 'cache_creation_input_tokens',
};
/** AWS Bedrock Converse. */
const BEDROCK_CONVERSE: CacheExcludedFields = {
  input: 'inputTokens',
  output: 'outputTokens',
  cacheRead: 'cacheReadInputTokens',
  cacheWrite: 'cacheWriteInputTokens',
};
/** AWS Bedrock InvokeModel, streamed: `amazon-bedrock-invocationMetrics`. */
const BEDROCK_INVOCATION_METRICS: CacheExcludedFields = {
  input: 'inputTokenCount',
  output: 'outputTokenCount',
  cacheRead: 'cacheReadInputTokenCount',
  cacheWrite: 'cacheWriteInputTokenCount',
};
/** AWS Bedrock InvokeModel: the response headers. */
const BEDROCK_HEADERS: CacheExcludedFields = {
  input: 'x-amzn-bedrock-input-token-count',
  output: 'x-amzn-bedrock-output-token-count',
  cacheRead: 'x-amzn-bedrock-cache-read-input-token-count',
  cacheWrite: 'x-amzn-bedrock-cache-write-input-token-count',
};

/** Semconv counts cache reads and writes in input, so they are added back. */
function cacheAddedBack(source: Loose, fields: CacheExcludedFields): TokenUsage | undefined {
  const cacheRead = numberAt(source, fields.cacheRead);
  const cacheWrite = numberAt(source, fields.cacheWrite);
  return build(sum(numberAt(source, fields.input), cacheRead, cacheWrite), numberAt(source, fields.output), cacheRead, cacheWrite);
}

/** Google Gemini: `promptTokenCount` includes cached content; thoughts are billed as output but reported apart. */
function gemini(usage: Loose | undefined): TokenUsage | undefined {
  if (usage === undefined) return undefined;
  const thoughts = numberAt(usage, 'thoughtsTokenCount');
  return build(
    numberAt(usage, 'promptTokenCount'),
    sum(numberAt(usage, 'candidatesTokenCount'), thoughts),
    numberAt(usage, 'cachedContentTokenCount'),
    undefined,
    thoughts,
  );
}

function build(
  input: number | undefined,
  output: number | undefined,
  cacheRead?: number,
  cacheWrite?: number,
  reasoning?: number,
): TokenUsage | undefined {
  if (input === undefined && output === undefined) return undefined;
  const usage: TokenUsage = { inputTokens: input ?? 0, outputTokens: output ?? 0 };
  if (cacheRead !== undefined) usage.cacheReadInputTokens = cacheRead;
  if (cacheWrite !== undefined) usage.cacheCreationInputTokens = cacheWrite;
  if (reasoning !== undefined) usage.reasoningOutputTokens = reasoning;
  return usage;
}
