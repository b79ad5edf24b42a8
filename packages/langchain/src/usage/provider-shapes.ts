import type { TokenUsage } from '@sightline/core';
import { asObject, numberAt, sum, type Loose } from './fields.js';

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
  if (usage.inputTokens !== undefined) return bedrockConverse(usage);
  if (usage.prompt_tokens !== undefined) return openAiChatCompletions(usage);
  if (usage.input_tokens_details !== undefined || usage.output_tokens_details !== undefined) return openAiResponses(usage);
  if (usage.input_tokens !== undefined) return anthropic(usage);
  return undefined;
}

/** OpenAI and Azure OpenAI Chat Completions: `usage.prompt_tokens` includes cached tokens. */
function openAiChatCompletions(usage: Loose): TokenUsage | undefined {
  return build(
    numberAt(usage, 'prompt_tokens'),
    numberAt(usage, 'completion_tokens'),
    numberAt(usage, 'prompt_tokens_details', 'cached_tokens'),
    undefined,
    numberAt(usage, 'completion_tokens_details', 'reasoning_tokens'),
  );
}

/** OpenAI Responses API: `usage.input_tokens` includes cached tokens. */
function openAiResponses(usage: Loose): TokenUsage | undefined {
  return build(
    numberAt(usage, 'input_tokens'),
    numberAt(usage, 'output_tokens'),
    numberAt(usage, 'input_tokens_details', 'cached_tokens'),
    undefined,
    numberAt(usage, 'output_tokens_details', 'reasoning_tokens'),
  );
}

/** `llmOutput.tokenUsage` as older LangChain OpenAI integrations report it. */
function langChainOpenAi(usage: Loose | undefined): TokenUsage | undefined {
  if (usage === undefined) return undefined;
  return build(numberAt(usage, 'promptTokens'), numberAt(usage, 'completionTokens'));
}

/** Anthropic Messages: `input_tokens` excludes cache reads and writes, so they are added back. */
function anthropic(usage: Loose): TokenUsage | undefined {
  const cacheRead = numberAt(usage, 'cache_read_input_tokens');
  const cacheWrite = numberAt(usage, 'cache_creation_input_tokens');
  return build(sum(numberAt(usage, 'input_tokens'), cacheRead, cacheWrite), numberAt(usage, 'output_tokens'), cacheRead, cacheWrite);
}

/** AWS Bedrock Converse: `inputTokens` excludes `cacheReadInputTokens` and `cacheWriteInputTokens`. */
function bedrockConverse(usage: Loose): TokenUsage | undefined {
  const cacheRead = numberAt(usage, 'cacheReadInputTokens');
  const cacheWrite = numberAt(usage, 'cacheWriteInputTokens');
  return build(sum(numberAt(usage, 'inputTokens'), cacheRead, cacheWrite), numberAt(usage, 'outputTokens'), cacheRead, cacheWrite);
}

/**
 * AWS Bedrock InvokeModel: the model-independent counts are in the
 * `amazon-bedrock-invocationMetrics` object (streamed responses) or in the
 * `x-amzn-bedrock-*-token-count` response headers.
 */
function bedrockInvokeModel(container: Loose): TokenUsage | undefined {
  const metrics = asObject(container['amazon-bedrock-invocationMetrics']);
  if (metrics !== undefined) {
    const cacheRead = numberAt(metrics, 'cacheReadInputTokenCount');
    const cacheWrite = numberAt(metrics, 'cacheWriteInputTokenCount');
    return build(
      sum(numberAt(metrics, 'inputTokenCount'), cacheRead, cacheWrite),
      numberAt(metrics, 'outputTokenCount'),
      cacheRead,
      cacheWrite,
    );
  }
  const headers = asObject(container.headers) ?? container;
  const input = numberAt(headers, 'x-amzn-bedrock-input-token-count');
  if (input === undefined) return undefined;
  const cacheRead = numberAt(headers, 'x-amzn-bedrock-cache-read-input-token-count');
  const cacheWrite = numberAt(headers, 'x-amzn-bedrock-cache-write-input-token-count');
  return build(sum(input, cacheRead, cacheWrite), numberAt(headers, 'x-amzn-bedrock-output-token-count'), cacheRead, cacheWrite);
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
