import type { Serialized } from '@langchain/core/load/serializable';
import { asObject, nonEmptyString as nonEmpty, semconv, stringAt, type Loose } from '@sightline/core/instrumentation';

/** LangChain's `ls_provider` values → `ATTR_GEN_AI_PROVIDER_NAME`. */
const BY_LS_PROVIDER: Readonly<Record<string, string>> = {
  openai: semconv.GEN_AI_PROVIDER_OPENAI,
  azure: semconv.GEN_AI_PROVIDER_AZURE_OPENAI,
  azure_openai: semconv.GEN_AI_PROVIDER_AZURE_OPENAI,
  anthropic: semconv.GEN_AI_PROVIDER_ANTHROPIC,
  amazon_bedrock: semconv.GEN_AI_PROVIDER_AWS_BEDROCK,
  bedrock: semconv.GEN_AI_PROVIDER_AWS_BEDROCK,
  google_genai: semconv.GEN_AI_PROVIDER_GCP_GEMINI,
  google: semconv.GEN_AI_PROVIDER_GCP_GEMINI,
  google_vertexai: semconv.GEN_AI_PROVIDER_GCP_VERTEX_AI,
};

/** Integration class names, for models that report no `ls_provider`. */
const BY_CLASS: Readonly<Record<string, string>> = {
  ChatOpenAI: semconv.GEN_AI_PROVIDER_OPENAI,
  OpenAI: semconv.GEN_AI_PROVIDER_OPENAI,
  AzureChatOpenAI: semconv.GEN_AI_PROVIDER_AZURE_OPENAI,
  AzureOpenAI: semconv.GEN_AI_PROVIDER_AZURE_OPENAI,
  ChatAnthropic: semconv.GEN_AI_PROVIDER_ANTHROPIC,
  ChatAnthropicMessages: semconv.GEN_AI_PROVIDER_ANTHROPIC,
  ChatBedrockConverse: semconv.GEN_AI_PROVIDER_AWS_BEDROCK,
  BedrockChat: semconv.GEN_AI_PROVIDER_AWS_BEDROCK,
  Bedrock: semconv.GEN_AI_PROVIDER_AWS_BEDROCK,
  ChatGoogleGenerativeAI: semconv.GEN_AI_PROVIDER_GCP_GEMINI,
  ChatVertexAI: semconv.GEN_AI_PROVIDER_GCP_VERTEX_AI,
};

const MODEL_KEYS = ['model', 'model_name', 'modelName', 'modelId', 'model_id'] as const;

export interface ModelIdentity {
  providerName: string | undefined;
  requestModel: string | undefined;
  temperature: number | undefined;
  maxTokens: number | undefined;
}

/** What LangChain puts in a chat or LLM run's metadata (`getLsParams`). */
interface LsMetadata {
  ls_provider?: unknown;
  ls_model_name?: unknown;
  ls_temperature?: unknown;
  ls_max_tokens?: unknown;
}

interface InvocationParams {
  temperature?: unknown;
  max_tokens?: unknown;
  maxTokens?: unknown;
}

/**
 * Provider and model of a model run. The usual fields are read by name at this
 * one site rather than through a generic getter: every model call passes here,
 * and a getter shared by many object shapes makes each read a slow, megamorphic one.
 */
export function identifyModel(llm: Serialized | undefined, extraParams: Loose | undefined, metadata: Loose | undefined): ModelIdentity {
  const ls = readLsMetadata(metadata);
  const invocation = asObject(extraParams?.invocation_params) as InvocationParams | undefined;
  const lsProvider = nonEmpty(ls.ls_provider);
  let providerName = lsProvider === undefined ? undefined : providerOfLsProvider(lsProvider);
  if (providerName === undefined) {
    const className = Array.isArray(llm?.id) ? llm.id[llm.id.length - 1] : undefined;
    providerName = (className !== undefined ? BY_CLASS[className] : undefined) ?? lsProvider?.toLowerCase();
  }
  return {
    providerName,
    requestModel:
      nonEmpty(ls.ls_model_name) ??
      firstModel(invocation as Loose | undefined) ??
      firstModel(asObject((llm as { kwargs?: unknown } | undefined)?.kwargs)),
    temperature: finite(ls.ls_temperature ?? invocation?.temperature),
    maxTokens: finite(ls.ls_max_tokens ?? invocation?.max_tokens ?? invocation?.maxTokens),
  };
}

/**
 * The `ls_*` fields in one pass over the keys. LangChain builds each run's metadata object
 * with a hidden class of its own, so reading fields by name misses V8's inline caches every
 * time (a slow lookup per field, present or not); a for-in loop reads what is there directly.
 */
function readLsMetadata(metadata: Loose | undefined): LsMetadata {
  const ls: LsMetadata = {};
  if (metadata === undefined) return ls;
  for (const key in metadata) {
    if (key === 'ls_provider') ls.ls_provider = metadata[key];
    else if (key === 'ls_model_name') ls.ls_model_name = metadata[key];
    else if (key === 'ls_temperature') ls.ls_temperature = metadata[key];
    else if (key === 'ls_max_tokens') ls.ls_max_tokens = metadata[key];
  }
  return ls;
}

/** `ls_provider` values seen so far (a model class reports one constant), mapped without lower-casing per call. */
const lsProviders = new Map<string, string | null>();
const MAX_LS_PROVIDERS = 64;

function providerOfLsProvider(lsProvider: string): string | undefined {
  const known = lsProviders.get(lsProvider);
  if (known !== undefined) return known ?? undefined;
  const providerName = BY_LS_PROVIDER[lsProvider.toLowerCase()];
  if (lsProviders.size < MAX_LS_PROVIDERS) lsProviders.set(lsProvider, providerName ?? null);
  return providerName;
}

function firstModel(source: Loose | undefined): string | undefined {
  for (const key of MODEL_KEYS) {
    const value = stringAt(source, key);
    if (value !== undefined) return value;
  }
  return undefined;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
