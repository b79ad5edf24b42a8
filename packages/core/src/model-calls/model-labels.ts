import type { Attributes } from '@opentelemetry/api';
import * as semconv from '../semconv.js';

/** A model's metric attributes: the call's, and one per token type (input, output and the cached and reasoning subsets). */
export interface ModelLabels {
  readonly embeddings: boolean;
  readonly call: Attributes;
  readonly inputTokens: Attributes;
  readonly outputTokens: Attributes;
  readonly cacheReadTokens: Attributes;
  readonly cacheCreationTokens: Attributes;
  readonly reasoningTokens: Attributes;
}

type Level<V> = Map<string | undefined, V>;

/**
 * Label sets per operation, provider and model, built once: every call of a model records the
 * same few. Bounded; past the bound a new model's labels are built per call.
 */
const labelCache: Level<Level<Level<Level<ModelLabels>>>> = new Map();
const MAX_CACHED_LABELS = 256;
let cachedLabels = 0;

/** Found through a map per name (no key string built per call, which would be hashed afresh each time). */
export function labelsOf(
  operation: string,
  providerName: string | undefined,
  requestModel: string | undefined,
  responseModel: string | undefined,
): ModelLabels {
  let labels = labelCache.get(operation)?.get(providerName)?.get(requestModel)?.get(responseModel);
  if (labels === undefined) {
    labels = buildLabels(operation, providerName, requestModel, responseModel);
    if (cachedLabels < MAX_CACHED_LABELS) {
      cachedLabels++;
      mapIn(mapIn(mapIn(labelCache, operation), providerName), requestModel).set(responseModel, labels);
    }
  }
  return labels;
}

function buildLabels(
  operation: string,
  providerName: string | undefined,
  requestModel: string | undefined,
  responseModel: string | undefined,
): ModelLabels {
  const call: Attributes = { [semconv.ATTR_GEN_AI_OPERATION_NAME]: operation };
  if (providerName !== undefined) call[semconv.ATTR_GEN_AI_PROVIDER_NAME] = providerName;
  if (requestModel !== undefined) call[semconv.ATTR_GEN_AI_REQUEST_MODEL] = requestModel;
  if (responseModel !== undefined) call[semconv.ATTR_GEN_AI_RESPONSE_MODEL] = responseModel;
  const ofType = (type: string): Attributes => Object.freeze({ ...call, [semconv.ATTR_GEN_AI_TOKEN_TYPE]: type });
  return Object.freeze({
    embeddings: operation === semconv.GEN_AI_OPERATION_EMBEDDINGS,
    call: Object.freeze(call),
    inputTokens: ofType(semconv.GEN_AI_TOKEN_TYPE_INPUT),
    outputTokens: ofType(semconv.GEN_AI_TOKEN_TYPE_OUTPUT),
    cacheReadTokens: ofType(semconv.GEN_AI_TOKEN_TYPE_CACHE_READ),
    cacheCreationTokens: ofType(semconv.GEN_AI_TOKEN_TYPE_CACHE_CREATION),
    reasoningTokens: ofType(semconv.GEN_AI_TOKEN_TYPE_REASONING),
  });
}

function mapIn<V>(map: Level<Level<V>>, key: string | undefined): Level<V> {
  let inner = map.get(key);
  if (inner === undefined) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}
