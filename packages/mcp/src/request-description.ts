import type { Attributes } from '@opentelemetry/api';
import { semconv } from '@sightline/core/instrumentation';

/** What the span of one MCP request is called and what it says about the request. */
export interface RequestDescription {
  method: string;
  spanName: string;
  /** `ATTR_GEN_AI_TOOL_NAME` for `tools/call`: it also labels the duration metric. */
  toolName?: string;
  /** `ATTR_GEN_AI_PROMPT_NAME` for `prompts/get`: it also labels the duration metric. */
  promptName?: string;
  attributes: Attributes;
}

// Both sides read these from the wire, so they are capped: a peer can send anything.
const MAX_NAME_LENGTH = 128;
const MAX_URI_LENGTH = 2048;

/**
 * Names and attributes for a request, or undefined when it has no method (then
 * nothing is traced). The span name is `{method} {tool or prompt}`; a resource
 * URI is an attribute only, because it would make span names unbounded.
 */
export function describeRequest(request: unknown): RequestDescription | undefined {
  if (request === null || typeof request !== 'object') return undefined;
  const method = cappedString((request as { method?: unknown }).method, MAX_NAME_LENGTH);
  if (method === undefined) return undefined;
  const params = (request as { params?: unknown }).params;
  const attributes: Attributes = { [semconv.ATTR_MCP_METHOD_NAME]: method };
  let toolName: string | undefined;
  let promptName: string | undefined;
  if (method === 'tools/call') {
    // Semconv: a tool call's MCP spans are `execute_tool` spans too (the client drops it under an outer one).
    attributes[semconv.ATTR_GEN_AI_OPERATION_NAME] = semconv.GEN_AI_OPERATION_EXECUTE_TOOL;
    toolName = paramString(params, 'name', MAX_NAME_LENGTH);
    if (toolName !== undefined) attributes[semconv.ATTR_GEN_AI_TOOL_NAME] = toolName;
  } else if (method === 'prompts/get') {
    promptName = paramString(params, 'name', MAX_NAME_LENGTH);
    if (promptName !== undefined) attributes[semconv.ATTR_GEN_AI_PROMPT_NAME] = promptName;
  } else if (method.startsWith('resources/') || method === 'notifications/resources/updated') {
    const uri = paramString(params, 'uri', MAX_URI_LENGTH);
    if (uri !== undefined) attributes[semconv.ATTR_MCP_RESOURCE_URI] = uri;
  }
  const target = toolName ?? promptName;
  return { method, spanName: target === undefined ? method : `${method} ${target}`, toolName, promptName, attributes };
}

/**
 * Labels for the duration metrics: bounded, so no request id, session or URI.
 * `connection` holds the protocol version, network transport and server address and port.
 */
export function metricAttributes(
  description: RequestDescription,
  connection: Attributes,
  errorType: string | undefined,
  statusCode: string | undefined,
): Attributes {
  const attributes: Attributes = Object.assign({ [semconv.ATTR_MCP_METHOD_NAME]: description.method }, connection);
  if (description.toolName !== undefined) attributes[semconv.ATTR_GEN_AI_TOOL_NAME] = description.toolName;
  if (description.method === 'tools/call') attributes[semconv.ATTR_GEN_AI_OPERATION_NAME] = semconv.GEN_AI_OPERATION_EXECUTE_TOOL;
  if (description.promptName !== undefined) attributes[semconv.ATTR_GEN_AI_PROMPT_NAME] = description.promptName;
  if (errorType !== undefined) attributes[semconv.ATTR_ERROR_TYPE] = errorType;
  if (statusCode !== undefined) attributes[semconv.ATTR_RPC_RESPONSE_STATUS_CODE] = statusCode;
  return attributes;
}

/** A JSON-RPC id as the `jsonrpc.request.id` string, or undefined when it is not a valid id. */
export function requestIdString(id: unknown): string | undefined {
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return cappedString(id, MAX_NAME_LENGTH);
}

function paramString(params: unknown, key: string, max: number): string | undefined {
  if (params === null || typeof params !== 'object') return undefined;
  return cappedString((params as Record<string, unknown>)[key], max);
}

function cappedString(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return value.length > max ? value.slice(0, max) : value;
}
