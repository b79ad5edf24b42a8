import { context as contextApi, trace, type Context, type HrTime, type Span } from '@opentelemetry/api';
import { createLogger } from '../internal/logger.js';
import { globalSlot } from '../internal/global-slot.js';

const log = createLogger('parent');

/**
 * Answers "which span should be the parent here" for integrations that track their
 * runs outside the OTel context (LangChain keeps its own AsyncLocalStorage). It gets
 * the active context and returns a context derived from it whose span is a better
 * parent (it may add tags the run carries), or undefined. It must be synchronous,
 * cheap, and side-effect free.
 */
export type ParentResolver = (active: Context) => Context | undefined;

/** Created with the slot (internal/global-slot.ts), so never undefined. */
interface ParentSlot {
  parentResolvers: ParentResolver[];
}

/**
 * Adds a resolver consulted by `resolveParentContext`. Returns a function that
 * removes it again (call it when the integration is torn down).
 */
export function registerParentResolver(resolver: ParentResolver): () => void {
  const resolvers = globalSlot<ParentSlot>().parentResolvers;
  if (!resolvers.includes(resolver)) resolvers.push(resolver);
  return () => {
    const index = resolvers.indexOf(resolver);
    if (index >= 0) resolvers.splice(index, 1);
  };
}

/**
 * The context a new span should be parented to. Starts from the active OTel
 * context and asks each registered resolver for a better one. Both the active
 * span and a resolver's span are open ancestors of the code running now, so the
 * one that started later is the inner one and wins. On a tie, a resolver span
 * whose parent is the active span wins; other ties, and resolver spans without a
 * start time, keep the active context. A resolver derives its answer from the
 * `active` context it is given, so baggage and tags carry over; it may add tags
 * of its own (a LangChain run's metadata tags), which then go with its span.
 */
export function resolveParentContext(active: Context = contextApi.active()): Context {
  const resolvers = globalSlot<ParentSlot>().parentResolvers;
  if (resolvers.length === 0) return active;
  let best = active;
  let bestSpan = trace.getSpan(active);
  for (const resolver of resolvers) {
    let candidate: Context | undefined;
    try {
      candidate = resolver(active);
    } catch (error) {
      log.warnOnce('resolver-threw', 'a parent resolver threw; it was skipped', error);
      continue;
    }
    const candidateSpan = candidate === undefined ? undefined : trace.getSpan(candidate);
    if (candidateSpan === undefined || candidateSpan === bestSpan) continue;
    if (isInner(candidateSpan, bestSpan)) {
      best = candidate as Context;
      bestSpan = candidateSpan;
    }
  }
  return best;
}

function isInner(candidate: Span, current: Span | undefined): boolean {
  const candidateStart = startTimeOf(candidate);
  if (candidateStart === undefined) return false;
  if (current === undefined || !current.spanContext() || current.spanContext().isRemote) return true;
  const currentStart = startTimeOf(current);
  // A span with no start time here is a wrapped remote or non-recording one: local runs are inside it.
  if (currentStart === undefined) return true;
  const order = compareHrTime(candidateStart, currentStart);
  // Start times can tie (millisecond clocks): a run started under the active span is still inside it.
  return order > 0 || (order === 0 && parentIdOf(candidate) === current.spanContext().spanId);
}

function parentIdOf(span: Span): string | undefined {
  return (span as { parentSpanContext?: { spanId?: string } }).parentSpanContext?.spanId;
}

function startTimeOf(span: Span): HrTime | undefined {
  const startTime = (span as { startTime?: unknown }).startTime;
  return Array.isArray(startTime) && startTime.length === 2 ? (startTime as HrTime) : undefined;
}

function compareHrTime(a: HrTime, b: HrTime): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
}
