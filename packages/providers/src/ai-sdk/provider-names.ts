import { semconv } from '@sightline/core/instrumentation';

/**
 * The semconv `ATTR_GEN_AI_PROVIDER_NAME` of an AI SDK provider id (`ai.model.provider`: `openai.chat`,
 * `anthropic.messages`, `amazon-bedrock`, …), matched on its first segment; an unknown provider keeps its id.
 */
const PROVIDERS: readonly [prefix: string, name: string][] = [
  ['google.vertex', semconv.GEN_AI_PROVIDER_GCP_VERTEX_AI],
  ['google-vertex', semconv.GEN_AI_PROVIDER_GCP_VERTEX_AI],
  ['vertex', semconv.GEN_AI_PROVIDER_GCP_VERTEX_AI],
  ['google.generative-ai', semconv.GEN_AI_PROVIDER_GCP_GEMINI],
  ['google', semconv.GEN_AI_PROVIDER_GCP_GEMINI],
  ['amazon-bedrock', semconv.GEN_AI_PROVIDER_AWS_BEDROCK],
  ['bedrock', semconv.GEN_AI_PROVIDER_AWS_BEDROCK],
  // @ai-sdk/azure serves Azure OpenAI deployments.
  ['azure', semconv.GEN_AI_PROVIDER_AZURE_OPENAI],
  ['anthropic', semconv.GEN_AI_PROVIDER_ANTHROPIC],
  ['openai', semconv.GEN_AI_PROVIDER_OPENAI],
  ['mistral', 'mistral_ai'],
  ['xai', 'x_ai'],
];

export function providerNameOf(provider: string | undefined): string | undefined {
  if (provider === undefined) return undefined;
  const lower = provider.toLowerCase();
  for (const [prefix, name] of PROVIDERS) {
    if (lower === prefix || lower.startsWith(`${prefix}.`) || lower.startsWith(`${prefix}-`)) return name;
  }
  // groq.chat, deepseek.chat, cohere.chat, perplexity: the semconv value is the id's first segment.
  return lower.split('.')[0];
}
