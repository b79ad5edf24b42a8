import { semconv } from '@sightline/core';
import type { Attributes } from './otlp.js';

/** What kind of work a span is, from its attributes (names as fallback). */
export type SpanKindOfWork = 'model' | 'vector' | 'mcp' | 'tool' | 'retrieval' | 'agent' | 'app';

const MODEL_OPERATIONS: ReadonlySet<unknown> = new Set(semconv.GEN_AI_MODEL_OPERATIONS);

/**
 * Attributes win over names: an `execute_tool` span that also carries
 * the MCP method attribute (`ATTR_MCP_METHOD_NAME`; the integration merges the MCP call into the tool span)
 * is MCP work, and a span with a database system or operation (`ATTR_DB_SYSTEM_NAME`, its older name
 * `ATTR_DB_SYSTEM_LEGACY`, `ATTR_DB_OPERATION_NAME`) is a vector store call. The report's error layers are these kinds.
 */
export function kindOfWork(name: string, attributes: Attributes): SpanKindOfWork {
  const operation = attributes[semconv.ATTR_GEN_AI_OPERATION_NAME];
  if (
    attributes[semconv.ATTR_DB_SYSTEM_NAME] !== undefined ||
    attributes[semconv.ATTR_DB_SYSTEM_LEGACY] !== undefined ||
    attributes[semconv.ATTR_DB_OPERATION_NAME] !== undefined
  )
    return 'vector';
  if (attributes[semconv.ATTR_MCP_METHOD_NAME] !== undefined) return 'mcp';
  if (typeof operation === 'string') {
    if (MODEL_OPERATIONS.has(operation)) return 'model';
    if (operation === semconv.GEN_AI_OPERATION_EXECUTE_TOOL) return 'tool';
    if (operation === semconv.GEN_AI_OPERATION_RETRIEVAL) return 'retrieval';
    if (operation === semconv.GEN_AI_OPERATION_INVOKE_AGENT) return 'agent';
  }
  if (name.startsWith('chat ')) return 'model';
  if (name.startsWith('execute_tool ')) return 'tool';
  if (name.startsWith('retrieval ')) return 'retrieval';
  if (name.startsWith('invoke_agent')) return 'agent';
  return 'app';
}

/** Reader-facing names, used by diagnose and the HTML charts. */
export const KIND_LABELS: Readonly<Record<SpanKindOfWork, string>> = {
  model: 'model provider',
  vector: 'vector store',
  mcp: 'MCP tool',
  tool: 'tool',
  retrieval: 'retrieval',
  agent: 'agent',
  app: 'app',
};
