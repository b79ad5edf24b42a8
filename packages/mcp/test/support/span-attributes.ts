import type { Attributes } from '@opentelemetry/api';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { semconv } from '@sightline/core';

const UNTAGGED = semconv.UNTAGGED_VALUE;
/** The default schema's tag keys, all `untagged`. */
export const NO_TAGS = { project: UNTAGGED, team: UNTAGGED, cost_center: UNTAGGED, feature: UNTAGGED, environment: UNTAGGED };

/** The attributes of a `tools/call` span (either side) of a session's first call after `initialize`, plus `rest`. */
export function toolCallAttributes(tool: string, rest: Attributes): Attributes {
  return {
    [semconv.ATTR_MCP_METHOD_NAME]: 'tools/call',
    [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_EXECUTE_TOOL,
    [semconv.ATTR_GEN_AI_TOOL_NAME]: tool,
    [semconv.ATTR_JSONRPC_REQUEST_ID]: '1',
    [semconv.ATTR_MCP_PROTOCOL_VERSION]: LATEST_PROTOCOL_VERSION,
    ...rest,
  };
}

/** Whether a span or metric point is protocol traffic around the call a test makes: `initialize` or a notification. */
export function isProtocolTraffic(item: { attributes: Attributes }): boolean {
  const method = String(item.attributes[semconv.ATTR_MCP_METHOD_NAME]);
  return method === 'initialize' || method.startsWith('notifications/');
}
