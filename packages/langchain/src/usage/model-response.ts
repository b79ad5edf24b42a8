import type { LLMResult } from '@langchain/core/outputs';
import {
  asObject,
  countValue as count,
  nonEmptyString as text,
  sum,
  usageFromProviderShape,
  type Loose,
  type TokenUsage,
} from '@sightline/core/instrumentation';

export interface ModelResponse {
  usage: TokenUsage | undefined;
  responseModel: string | undefined;
  responseId: string | undefined;
  finishReasons: string[];
}

interface GenerationLike {
  generationInfo?: Loose;
  message?: { id?: unknown; usage_metadata?: unknown; response_metadata?: unknown };
}

/**
 * Reads what a model call returned. Usage comes from LangChain's standard
 * `usage_metadata` (summed over generations); only when no generation has it
 * do the raw provider shapes in `response_metadata` and `llmOutput` count.
 */
export function readModelResponse(output: LLMResult): ModelResponse {
  const llmOutput = asObject(output.llmOutput);
  let standard: TokenUsage | undefined;
  let fallback: TokenUsage | undefined;
  let responseModel: string | undefined;
  let responseId: string | undefined;
  const finishReasons: string[] = [];
  // One list per prompt, nearly always one prompt: walked in place rather than flattened into a copy.
  for (const perPrompt of output.generations ?? []) {
    for (const generation of perPrompt as GenerationLike[]) {
      const message = generation.message;
      const metadata = asObject(message?.response_metadata);
      standard = add(standard, fromUsageMetadata(asObject(message?.usage_metadata) as UsageMetadata | undefined));
      if (standard === undefined) fallback = add(fallback, usageFromProviderShape(metadata));
      responseModel ??= modelOf(metadata);
      responseId ??= idOf(message?.id) ?? text((metadata as { id?: unknown } | undefined)?.id);
      const reason = finishReasonOf(generation.generationInfo) ?? finishReasonOf(metadata);
      if (reason !== undefined) finishReasons.push(reason);
    }
  }
  return {
    usage: standard ?? fallback ?? usageFromProviderShape(llmOutput),
    responseModel: responseModel ?? modelOf(llmOutput),
    responseId,
    finishReasons,
  };
}

/** LangChain's standard usage shape; read by name (see `identifyModel` on why not through a getter). */
interface UsageMetadata {
  input_tokens?: unknown;
  output_tokens?: unknown;
  input_token_details?: { cache_read?: unknown; cache_creation?: unknown };
  output_token_details?: { reasoning?: unknown };
}

function fromUsageMetadata(usage: UsageMetadata | undefined): TokenUsage | undefined {
  if (usage === undefined) return undefined;
  const input = count(usage.input_tokens);
  const output = count(usage.output_tokens);
  if (input === undefined && output === undefined) return undefined;
  const result: TokenUsage = { inputTokens: input ?? 0, outputTokens: output ?? 0 };
  const inputDetails = asObject(usage.input_token_details) as UsageMetadata['input_token_details'];
  const outputDetails = asObject(usage.output_token_details) as UsageMetadata['output_token_details'];
  const cacheRead = count(inputDetails?.cache_read);
  const cacheWrite = count(inputDetails?.cache_creation);
  const reasoning = count(outputDetails?.reasoning);
  if (cacheRead !== undefined) result.cacheReadInputTokens = cacheRead;
  if (cacheWrite !== undefined) result.cacheCreationInputTokens = cacheWrite;
  if (reasoning !== undefined) result.reasoningOutputTokens = reasoning;
  return result;
}

function add(total: TokenUsage | undefined, next: TokenUsage | undefined): TokenUsage | undefined {
  if (next === undefined) return total;
  if (total === undefined) return next;
  const combined: TokenUsage = {
    inputTokens: total.inputTokens + next.inputTokens,
    outputTokens: total.outputTokens + next.outputTokens,
  };
  const cacheRead = sum(total.cacheReadInputTokens, next.cacheReadInputTokens);
  const cacheWrite = sum(total.cacheCreationInputTokens, next.cacheCreationInputTokens);
  const reasoning = sum(total.reasoningOutputTokens, next.reasoningOutputTokens);
  if (cacheRead !== undefined) combined.cacheReadInputTokens = cacheRead;
  if (cacheWrite !== undefined) combined.cacheCreationInputTokens = cacheWrite;
  if (reasoning !== undefined) combined.reasoningOutputTokens = reasoning;
  return combined;
}

interface ModelFields {
  model_name?: unknown;
  model?: unknown;
  modelId?: unknown;
  model_id?: unknown;
  modelVersion?: unknown;
}

/** OpenAI: model_name; Anthropic: model; Bedrock: modelId / model_id; Gemini: modelVersion. */
function modelOf(container: Loose | undefined): string | undefined {
  if (container === undefined) return undefined;
  const fields = container as ModelFields;
  return text(fields.model_name) ?? text(fields.model) ?? text(fields.modelId) ?? text(fields.model_id) ?? text(fields.modelVersion);
}

interface FinishFields {
  finish_reason?: unknown;
  stop_reason?: unknown;
  stopReason?: unknown;
  finishReason?: unknown;
}

function finishReasonOf(container: Loose | undefined): string | undefined {
  if (container === undefined) return undefined;
  const fields = container as FinishFields;
  return text(fields.finish_reason) ?? text(fields.stop_reason) ?? text(fields.stopReason) ?? text(fields.finishReason);
}

/** LangChain invents `run-…` ids for messages without a provider id; those are not response ids. */
function idOf(id: unknown): string | undefined {
  return typeof id === 'string' && id.length > 0 && !id.startsWith('run-') ? id : undefined;
}
