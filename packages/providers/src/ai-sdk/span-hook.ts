import { trace, type Attributes, type Context } from '@opentelemetry/api';
import { isModelCall, semconv, type SpanHook } from '@sightline/core/instrumentation';
import { scopeOf, stringAttribute, type HookSpan } from '../shared/span-reading.js';
import { failureTypeOf } from './failure.js';
import { finishProviderCall } from './model-call.js';
import type { ProviderCall } from './provider-call.js';

const CHAT_OPERATIONS: ReadonlySet<string> = new Set(semconv.AI_SDK_CHAT_OPERATION_IDS);
const EMBEDDINGS_OPERATIONS: ReadonlySet<string> = new Set(semconv.AI_SDK_EMBEDDINGS_OPERATION_IDS);

/**
 * Maps the AI SDK's `ai.*` spans onto the model-call contract. Only the provider-call spans are model calls
 * (the outer `ai.generateText` spans one or more of them); `ai.toolCall` gets the `execute_tool` names.
 *
 * No double counting: when a span with a model operation (`ATTR_GEN_AI_OPERATION_NAME` chat, embeddings, …)
 * starts anywhere below a provider-call span, another instrumentation records that call (Sightline's
 * openai or Anthropic path, a LangChain model, OTel contrib's), so the provider-call span stays as the
 * AI SDK wrote it: no operation name, cost or metrics of Sightline's.
 */
export function aiSdkSpanHook(): SpanHook {
  const calls = new WeakMap<HookSpan, ProviderCall>();
  // Spans below an open provider call, and that call: how a nested model span finds it.
  const callAbove = new WeakMap<HookSpan, ProviderCall>();
  let openCalls = 0;

  const noteNested = (span: HookSpan, parentContext: Context): void => {
    const parent = trace.getSpan(parentContext) as HookSpan | undefined;
    if (parent === undefined) return;
    const call = calls.get(parent) ?? callAbove.get(parent);
    if (call === undefined) return;
    // In ai 7 a tool runs below the provider call that asked for it: the tool's own model calls are not that call.
    if (span.attributes[semconv.ATTR_AI_OPERATION_ID] === semconv.AI_SDK_OPERATION_TOOL_CALL) return;
    callAbove.set(span, call);
    if (isModelCall(span.attributes)) call.delegated = true;
  };

  return {
    onStart(span, parentContext) {
      // One counter read for every span while no provider call is open.
      if (openCalls > 0) noteNested(span, parentContext);
      if (scopeOf(span) !== semconv.AI_SDK_SCOPE) return;
      const operationId = stringAttribute(span.attributes, semconv.ATTR_AI_OPERATION_ID);
      if (operationId === undefined) return;
      const operation = CHAT_OPERATIONS.has(operationId)
        ? semconv.GEN_AI_OPERATION_CHAT
        : EMBEDDINGS_OPERATIONS.has(operationId)
          ? semconv.GEN_AI_OPERATION_EMBEDDINGS
          : undefined;
      if (operation !== undefined) {
        calls.set(span, { context: parentContext, startedAt: performance.now(), operation, delegated: false });
        openCalls++;
      } else if (operationId === semconv.AI_SDK_OPERATION_TOOL_CALL) {
        span.setAttributes(toolAttributes(span.attributes));
      }
    },
    onEnding(span) {
      const above = callAbove.get(span);
      // Attributes set after the start count too: the nested span is about to end, before its call does.
      if (above !== undefined && isModelCall(span.attributes)) above.delegated = true;
      const call = calls.get(span);
      if (call !== undefined) {
        calls.delete(span);
        openCalls--;
        finishProviderCall(span, call);
        return;
      }
      if (
        span.attributes[semconv.ATTR_GEN_AI_OPERATION_NAME] === semconv.GEN_AI_OPERATION_EXECUTE_TOOL &&
        scopeOf(span) === semconv.AI_SDK_SCOPE
      ) {
        const errorType = failureTypeOf(span);
        if (errorType !== undefined) span.setAttribute(semconv.ATTR_ERROR_TYPE, errorType);
      }
    },
  };
}

function toolAttributes(attributes: Attributes): Attributes {
  const named: Attributes = { [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_EXECUTE_TOOL };
  const name = stringAttribute(attributes, semconv.ATTR_AI_TOOL_CALL_NAME);
  const id = stringAttribute(attributes, semconv.ATTR_AI_TOOL_CALL_ID);
  if (name !== undefined) named[semconv.ATTR_GEN_AI_TOOL_NAME] = name;
  if (id !== undefined) named[semconv.ATTR_GEN_AI_TOOL_CALL_ID] = id;
  return named;
}
