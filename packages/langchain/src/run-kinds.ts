import { SpanKind, type Attributes } from '@opentelemetry/api';
import type { Serialized } from '@langchain/core/load/serializable';
import { errorTypeOf, semconv } from '@sightline/core/instrumentation';
import type { SpanRequest } from './run-tracker.js';

/** LangGraph's compiled graphs: `createAgent` returns one, and so does any hand-built agent graph. */
const AGENT_CLASSES = new Set(['CompiledStateGraph', 'CompiledGraph', 'Pregel']);
/** Runs LangChain itself marks as plumbing (e.g. a graph's `__start__` node). */
const HIDDEN_TAG = 'langsmith:hidden';

export function classNameOf(serialized: Serialized | undefined): string | undefined {
  const id = serialized?.id;
  return Array.isArray(id) && id.length > 0 ? String(id[id.length - 1]) : undefined;
}

/** The span for a chain run: an agent, a plain chain, or none for hidden plumbing. */
export function chainSpan(
  serialized: Serialized | undefined,
  runName: string | undefined,
  tags: string[] | undefined,
  metadata: Record<string, unknown> | undefined,
  recordChains: boolean,
): SpanRequest | undefined {
  const className = classNameOf(serialized);
  if (className !== undefined && AGENT_CLASSES.has(className)) {
    const agentName = runName ?? stringOf(metadata?.lc_agent_name) ?? className;
    return {
      name: `${semconv.GEN_AI_OPERATION_INVOKE_AGENT} ${agentName}`,
      kind: SpanKind.INTERNAL,
      attributes: {
        [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_INVOKE_AGENT,
        [semconv.ATTR_GEN_AI_AGENT_NAME]: agentName,
      },
    };
  }
  if (!recordChains || tags?.includes(HIDDEN_TAG)) return undefined;
  return { name: runName ?? className ?? 'chain', kind: SpanKind.INTERNAL, attributes: {} };
}

export function toolSpan(serialized: Serialized | undefined, runName: string | undefined, toolCallId: string | undefined): SpanRequest {
  const toolName = runName ?? stringOf((serialized as { name?: unknown } | undefined)?.name) ?? classNameOf(serialized) ?? 'tool';
  const attributes: Attributes = {
    [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_EXECUTE_TOOL,
    [semconv.ATTR_GEN_AI_TOOL_NAME]: toolName,
  };
  if (toolCallId !== undefined) attributes[semconv.ATTR_GEN_AI_TOOL_CALL_ID] = toolCallId;
  return { name: `${semconv.GEN_AI_OPERATION_EXECUTE_TOOL} ${toolName}`, kind: SpanKind.INTERNAL, attributes };
}

export function retrieverSpan(serialized: Serialized | undefined, runName: string | undefined): SpanRequest {
  const dataSource = runName ?? classNameOf(serialized) ?? 'retriever';
  const attributes: Attributes = {
    [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_RETRIEVAL,
    [semconv.ATTR_GEN_AI_DATA_SOURCE_ID]: dataSource,
  };
  const topK = (serialized as { kwargs?: { k?: unknown } } | undefined)?.kwargs?.k;
  if (typeof topK === 'number' && Number.isFinite(topK)) attributes[semconv.ATTR_GEN_AI_REQUEST_TOP_K] = topK;
  return { name: `${semconv.GEN_AI_OPERATION_RETRIEVAL} ${dataSource}`, kind: SpanKind.INTERNAL, attributes };
}

/** Aborts reach callbacks as the signal's reason, or as a plain `Error("Aborted")` (LangChain) or `Error("Abort")` (LangGraph). */
const ABORT_MESSAGES = new Set(['Aborted', 'Abort']);

export function runErrorType(error: unknown): string {
  if (error instanceof Error && error.name === 'Error' && ABORT_MESSAGES.has(error.message)) return 'AbortError';
  return errorTypeOf(error);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
