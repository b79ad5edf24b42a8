import { context, type Attributes } from '@opentelemetry/api';
import { createLogger, nonEmptyString, reportFailure, safely, semconv, type ContentOptions } from '@sightline/core/instrumentation';
import { OpenAIContent } from './content.js';
import { ModelCall, type ClientSettings } from './model-call.js';
import { observe } from './observe.js';
import type { OpenAIEndpoint } from './request.js';

const log = createLogger('openai');
const INSTRUMENTED = Symbol.for('sightline.providers.openai.instrumented');

/** `redactContent` and `maxContentLength` apply when `init({ captureContent: true })` records prompts and answers. */
export interface InstrumentOpenAIOptions extends ContentOptions {
  /** `ATTR_GEN_AI_PROVIDER_NAME` of the client's calls. Default: `GEN_AI_PROVIDER_AZURE_OPENAI` for an `AzureOpenAI` client, else `GEN_AI_PROVIDER_OPENAI`. */
  providerName?: string;
}

type Method = (this: unknown, ...args: unknown[]) => unknown;
type Resource = Record<string, unknown> | undefined;

/**
 * Records the model calls of one `openai` client (`new OpenAI()` or `new AzureOpenAI()`): Chat
 * Completions, the Responses API and embeddings, streamed or not. Returns the same client, whose
 * methods return exactly what they returned before. A client made from it by `client.withOptions()`
 * is instrumented too, with the same options. Calling this twice on a client changes nothing.
 */
export function instrumentOpenAI<Client extends object>(client: Client, options: InstrumentOpenAIOptions = {}): Client {
  safely('openai:instrument', () => {
    const target = client as Record<string | symbol, unknown>;
    if (target[INSTRUMENTED] === true) return;
    const settings = settingsOf(target, options);
    patch(asResource(asResource(target.chat)?.completions), 'chat', settings);
    patch(asResource(target.responses), 'responses', settings);
    patch(asResource(target.embeddings), 'embeddings', settings);
    followCopies(target, options);
    Object.defineProperty(target, INSTRUMENTED, { value: true });
  });
  return client;
}

/** `withOptions()` builds a new client (a new timeout, other headers): it records its calls like this one. */
function followCopies(client: Record<string | symbol, unknown>, options: InstrumentOpenAIOptions): void {
  const withOptions = client.withOptions;
  if (typeof withOptions !== 'function') return;
  client.withOptions = function withOptionsObserved(this: unknown, ...args: unknown[]) {
    const copy = (withOptions as Method).apply(this, args);
    return copy !== null && typeof copy === 'object' ? instrumentOpenAI(copy, options) : copy;
  };
}

function patch(resource: Resource, endpoint: OpenAIEndpoint, settings: ClientSettings): void {
  const original = resource?.create;
  if (typeof original !== 'function') {
    log.warnOnce(`missing:${endpoint}`, `this openai client has no ${endpoint} create(); its ${endpoint} calls are not recorded`);
    return;
  }
  (resource as Record<string, unknown>).create = function createObserved(this: unknown, ...args: unknown[]) {
    return callObserved(endpoint, original as Method, this, args, settings);
  };
}

function callObserved(endpoint: OpenAIEndpoint, original: Method, self: unknown, args: unknown[], settings: ClientSettings): unknown {
  let call: ModelCall | undefined;
  try {
    call = ModelCall.begin(endpoint, args[0], settings);
  } catch (error) {
    reportFailure('openai:start', error);
  }
  if (call === undefined) return original.apply(self, args);
  let returned: unknown;
  try {
    // The span is current while the request is sent, so HTTP instrumentations nest under it.
    returned = context.with(call.context, () => original.apply(self, args));
  } catch (error) {
    call.fail(error);
    throw error;
  }
  try {
    observe(call, returned);
  } catch (error) {
    reportFailure('openai:observe', error);
    call.endUnread();
  }
  return returned;
}

function settingsOf(client: Record<string | symbol, unknown>, options: InstrumentOpenAIOptions): ClientSettings {
  const azure = typeof client.apiVersion === 'string' || client.constructor?.name === 'AzureOpenAI';
  return {
    providerName: options.providerName ?? (azure ? semconv.GEN_AI_PROVIDER_AZURE_OPENAI : semconv.GEN_AI_PROVIDER_OPENAI),
    serverAttributes: serverAttributes(client.baseURL),
    deployment: azure ? nonEmptyString(client.deploymentName) : undefined,
    content: new OpenAIContent(options),
  };
}

function serverAttributes(baseURL: unknown): Attributes {
  if (typeof baseURL !== 'string') return {};
  try {
    const url = new URL(baseURL);
    const port = url.port === '' ? (url.protocol === 'http:' ? 80 : 443) : Number(url.port);
    return { [semconv.ATTR_SERVER_ADDRESS]: url.hostname.replace(/^\[(.*)\]$/, '$1'), [semconv.ATTR_SERVER_PORT]: port };
  } catch {
    return {};
  }
}

function asResource(value: unknown): Resource {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}
