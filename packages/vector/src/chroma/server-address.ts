import type { ServerAddress } from '../traced-operation.js';

/**
 * Where a Chroma client or collection sends its requests. chromadb keeps its
 * HTTP client in a non-public `apiClient` field (a hey-api fetch client), so
 * this is read defensively: anything unexpected means "unknown", not an error.
 */
export function chromaServerAddress(clientOrCollection: object): ServerAddress | undefined {
  const apiClient = (clientOrCollection as { apiClient?: { getConfig?: () => { baseUrl?: unknown } } }).apiClient;
  const baseUrl = apiClient?.getConfig?.().baseUrl;
  if (typeof baseUrl !== 'string') return undefined;
  const url = new URL(baseUrl);
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { address: url.hostname, port };
}
