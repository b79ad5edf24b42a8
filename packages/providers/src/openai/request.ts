import type { Attributes } from '@opentelemetry/api';
import {
  asObject,
  chatPromptHash,
  countValue,
  nonEmptyString,
  promptHash,
  semconv,
  type Loose,
  type PromptMessage,
} from '@sightline/core/instrumentation';

/** The three OpenAI endpoints Sightline records, and how each is named and read. */
export type OpenAIEndpoint = 'chat' | 'responses' | 'embeddings';

/** What a call's request says of it, read once when it starts. */
export interface OpenAIRequest {
  readonly endpoint: OpenAIEndpoint;
  readonly operation: string;
  readonly model: string | undefined;
  readonly stream: boolean;
  readonly attributes: Attributes;
}

/** Request fields that carry the prompt, or only steer the transport: not fingerprinted as parameters. */
const NOT_PARAMETERS = new Set(['model', 'messages', 'input', 'stream', 'stream_options', 'user', 'metadata', 'store']);

/** An Azure client's `deployment`, when it has one, names the model instead of the body (as the client's URL does). */
export function readRequest(endpoint: OpenAIEndpoint, body: Loose | undefined, deployment: string | undefined): OpenAIRequest {
  const model = deployment ?? nonEmptyString(body?.model);
  const operation = endpoint === 'embeddings' ? semconv.GEN_AI_OPERATION_EMBEDDINGS : semconv.GEN_AI_OPERATION_CHAT;
  const attributes: Attributes = { [semconv.ATTR_GEN_AI_OPERATION_NAME]: operation };
  if (model !== undefined) attributes[semconv.ATTR_GEN_AI_REQUEST_MODEL] = model;
  if (endpoint === 'embeddings') {
    const format = nonEmptyString(body?.encoding_format);
    if (format !== undefined) attributes[semconv.ATTR_GEN_AI_REQUEST_ENCODING_FORMATS] = [format];
  } else {
    addSamplingAttributes(attributes, body);
    const hash = fingerprint(endpoint, model, body);
    if (hash !== undefined) attributes[semconv.ATTR_SIGHTLINE_PROMPT_HASH] = hash;
  }
  return { endpoint, operation, model, stream: body?.stream === true, attributes };
}

function addSamplingAttributes(attributes: Attributes, body: Loose | undefined): void {
  const temperature = finite(body?.temperature);
  if (temperature !== undefined) attributes[semconv.ATTR_GEN_AI_REQUEST_TEMPERATURE] = temperature;
  const topP = finite(body?.top_p);
  if (topP !== undefined) attributes[semconv.ATTR_GEN_AI_REQUEST_TOP_P] = topP;
  const maxTokens = countValue(body?.max_completion_tokens) ?? countValue(body?.max_tokens) ?? countValue(body?.max_output_tokens);
  if (maxTokens !== undefined) attributes[semconv.ATTR_GEN_AI_REQUEST_MAX_TOKENS] = maxTokens;
}

/**
 * `sightline.prompt.hash`: the messages or input, the model and the parameters that change the
 * answer, so `sightline report` finds calls that could have shared one answer. No content is kept.
 */
function fingerprint(endpoint: OpenAIEndpoint, model: string | undefined, body: Loose | undefined): string | undefined {
  if (body === undefined) return undefined;
  const parameters: Loose = {};
  for (const key of Object.keys(body)) if (!NOT_PARAMETERS.has(key)) parameters[key] = body[key];
  if (endpoint === 'chat' && Array.isArray(body.messages)) {
    const messages: PromptMessage[] = body.messages.map((message: unknown) => {
      const fields = asObject(message);
      return { role: String(fields?.role ?? ''), content: fields?.content };
    });
    return chatPromptHash(model, messages, parameters);
  }
  return promptHash({ model, prompt: body.input ?? body.messages, parameters });
}

/** The question an evaluator judges: the last user message, else the input as text. */
export function questionOf(endpoint: OpenAIEndpoint, body: Loose | undefined): string {
  const items = endpoint === 'chat' ? body?.messages : body?.input;
  if (typeof items === 'string') return items;
  if (!Array.isArray(items)) return '';
  const lastUser = items.findLast((item: unknown) => asObject(item)?.role === 'user') ?? items.at(-1);
  return textOf(asObject(lastUser)?.content);
}

/** Text of a message's content: a string, or the text parts of a list. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => {
      const fields = asObject(part);
      return typeof fields?.text === 'string' ? fields.text : '';
    })
    .join('');
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
