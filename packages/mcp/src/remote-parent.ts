import { isSpanContextValid, trace, type Context, type Link } from '@opentelemetry/api';
import { countInternal, createLogger, extractTraceContext, resolveParentContext, semconv } from '@sightline/core/instrumentation';
import type { McpIncomingTagsPolicy } from './types.js';

const log = createLogger('mcp-server');
const REJECTED_DESCRIPTION = 'Trace context in MCP _meta that a server ignored';
// The W3C limit: @opentelemetry/core silently drops a longer tracestate.
const MAX_TRACESTATE_LENGTH = 512;

/** What decides which of the caller's tags are kept: the server's policy (else init's) and how the caller connects. */
export interface CallerTrust {
  incomingTags: McpIncomingTagsPolicy | undefined;
  transport: 'network' | 'local';
}

export interface ServerParent {
  parent: Context;
  links: Link[];
}

/**
 * The parent of a SERVER span: the caller's span from `_meta` when it carries a
 * valid one (the transport's own span, say an HTTP server span, becomes a
 * link), else the ambient context. Either way the caller's tags, as far as the
 * incoming-tags policy and this process's schema accept them, are on the returned context.
 * Malformed or oversized trace context is ignored and counted.
 */
export function serverParent(meta: unknown, ambient: Context, trust: CallerTrust): ServerParent {
  const extracted = extractTraceContext(meta, ambient, trust);
  const ambientSpan = trace.getSpanContext(ambient);
  const remote = trace.getSpanContext(extracted);
  const hasRemoteParent = remote !== undefined && remote !== ambientSpan && remote.isRemote === true;
  countRejected(meta, hasRemoteParent);
  if (!hasRemoteParent) return { parent: resolveParentContext(extracted), links: [] };
  const links =
    ambientSpan !== undefined && isSpanContextValid(ambientSpan) && ambientSpan.spanId !== remote.spanId ? [{ context: ambientSpan }] : [];
  return { parent: extracted, links };
}

function countRejected(meta: unknown, hasRemoteParent: boolean): void {
  if (meta === null || typeof meta !== 'object') return;
  const carrier = meta as Record<string, unknown>;
  if ('traceparent' in carrier && !hasRemoteParent) reject(semconv.REASON_MALFORMED, 'traceparent');
  if ('baggage' in carrier && typeof carrier.baggage !== 'string') reject(semconv.REASON_MALFORMED, 'baggage');
  if ('tracestate' in carrier) {
    const state = carrier.tracestate;
    if (typeof state !== 'string') reject(semconv.REASON_MALFORMED, 'tracestate');
    else if (state.length > MAX_TRACESTATE_LENGTH) reject(semconv.REASON_OVERSIZED, 'tracestate');
  }
}

function reject(reason: string, field: string): void {
  countInternal(semconv.METRIC_SIGHTLINE_MCP_CONTEXT_REJECTED, REJECTED_DESCRIPTION, {
    [semconv.ATTR_SIGHTLINE_REASON]: reason,
    [semconv.ATTR_SIGHTLINE_PROPAGATION_FIELD]: field,
  });
  log.warnOnce(`rejected:${field}:${reason}`, `ignored a ${reason} ${field} in MCP _meta; the request is served without it`);
}
