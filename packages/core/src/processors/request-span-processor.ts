import { SpanKind, SpanStatusCode, type Attributes, type Context, type HrTime } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { isInsideEvaluation } from '../evaluation-hook/run-context.js';
import { countDropped } from '../metrics/dropped.js';
import { createLogger } from '../internal/logger.js';
import { METRICS } from '../metrics/definitions.js';
import { recordMetrics, type MetricRecord } from '../metrics/record.js';
import * as names from '../semconv.js';
import { readTags } from '../tags/tag-context.js';
import { isModelCall, markNestedModelCall } from '../model-calls/nested.js';

const log = createLogger('requests');

/** Bounds on what the processor keeps in memory; past them, requests or spans are counted as dropped, not measured. */
export interface RequestLimits {
  /** Requests whose root span has started and not ended. Default 10,000. */
  readonly maxOpenRequests?: number;
  /** Open spans mapped to their request (roots included). Default 100,000. */
  readonly maxTrackedSpans?: number;
}

const DEFAULT_MAX_OPEN_REQUESTS = 10_000;
const DEFAULT_MAX_TRACKED_SPANS = 100_000;

/** Failed layers as bits: one integer per request, no set allocated. */
const LAYERS = [names.REQUEST_LAYER_MODEL, names.REQUEST_LAYER_TOOL, names.REQUEST_LAYER_MCP, names.REQUEST_LAYER_VECTOR] as const;
const MODEL_BIT = 1;
const TOOL_BIT = 2;
const MCP_BIT = 4;
const VECTOR_BIT = 8;

// Label sets built once: a request records three or four points with one of these.
const OK: Attributes = Object.freeze({ [names.ATTR_SIGHTLINE_REQUEST_OUTCOME]: names.REQUEST_OUTCOME_OK });
const ERROR: Attributes = Object.freeze({ [names.ATTR_SIGHTLINE_REQUEST_OUTCOME]: names.REQUEST_OUTCOME_ERROR });
const LAYER_ATTRIBUTES: readonly Attributes[] = LAYERS.map((layer) =>
  Object.freeze({ [names.ATTR_SIGHTLINE_REQUEST_FAILED_LAYER]: layer }),
);

/** One request being measured: folded into as its spans end, recorded when its root ends. */
interface OpenRequest {
  readonly root: Span;
  readonly rootSpanId: string;
  /** Whose tags the request's metrics carry: the root's parent context, or (see `track`) a descendant's. */
  tagContext: Context;
  tagged: boolean;
  cost: number;
  modelCalls: number;
  /** Model calls that ended without a cost (unpriced model or missing usage): the request's cost is then unknown. */
  unpricedCalls: number;
  failedLayers: number;
  rootFailed: boolean;
  ended: boolean;
}

/**
 * Measures requests. A request is a local root span (its parent is absent, or
 * remote and not open in this process) with the local spans below it: the app's
 * HTTP server span, the outermost agent run, an MCP server span called from
 * another process. A CLIENT or PRODUCER root other than a model call is not
 * one (see `isEntry`). As each span ends its cost, model call and failure are
 * folded into its request; when the root ends, the `sightline.request.*`
 * metrics are recorded under the request's tags, with the root as exemplar.
 *
 * This runs on every span, so both hooks are one or two map operations on the
 * span id and allocate nothing but the map entry (and one object per request).
 */
export class RequestSpanProcessor implements SpanProcessor {
  /** Open span id → its request. A span leaves when it ends, a request with its root. */
  private readonly requestOf = new Map<string, OpenRequest>();
  private openRequests = 0;
  private readonly maxOpenRequests: number;
  private readonly maxTrackedSpans: number;

  constructor(limits: RequestLimits = {}) {
    this.maxOpenRequests = limits.maxOpenRequests ?? DEFAULT_MAX_OPEN_REQUESTS;
    this.maxTrackedSpans = limits.maxTrackedSpans ?? DEFAULT_MAX_TRACKED_SPANS;
  }

  /** Spans mapped to a request now (for tests: zero once every request has ended, or after shutdown). */
  get trackedSpans(): number {
    return this.requestOf.size;
  }

  onStart(span: Span, parentContext: Context): void {
    try {
      markNestedModelCall(span, parentContext);
      this.track(span, parentContext);
    } catch (error) {
      log.warnOnce('start', 'could not follow a span into its request; request metrics may be incomplete', error);
    }
  }

  /**
   * The root of a request that made model calls below it, all priced, carries the
   * request's cost as `sightline.request.cost.usd`, so that a tail sampler can keep
   * costly requests (deploy/alloy). Its descendants have ended and been folded by now.
   * A model call on top is its own request and already carries `sightline.cost.usd`;
   * a request without model calls costs nothing worth an attribute.
   */
  onEnding(span: Span): void {
    const parent = span.parentSpanContext;
    if (parent !== undefined && !parent.isRemote) return; // only roots: one field read for every other span
    try {
      const spanId = span.spanContext().spanId;
      const request = this.requestOf.get(spanId);
      if (request === undefined || request.rootSpanId !== spanId || request.ended || request.modelCalls === 0) return;
      if (request.unpricedCalls > 0 || isModelCall(span.attributes)) return;
      // Not a model call itself, the root adds no cost of its own (a span may carry one, e.g. a wrapper's).
      span.setAttribute(names.ATTR_SIGHTLINE_REQUEST_COST_USD, request.cost + costOf(span.attributes));
    } catch (error) {
      log.warnOnce('ending', "could not put the request's cost on its root span; the request metrics are unaffected", error);
    }
  }

  onEnd(span: ReadableSpan): void {
    try {
      this.fold(span);
    } catch (error) {
      log.warnOnce('end', 'could not fold a span into its request; request metrics may be incomplete', error);
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  /** Requests whose root never ended are forgotten unrecorded: their spans are counted open at shutdown already. */
  shutdown(): Promise<void> {
    this.requestOf.clear();
    this.openRequests = 0;
    return Promise.resolve();
  }

  private track(span: Span, parentContext: Context): void {
    // A judge's model calls run in a trace of their own after the request: evaluation work, not a request.
    if (isInsideEvaluation(parentContext)) return;
    const parent = span.parentSpanContext;
    // Looked up for remote parents too: an in-process MCP server's parent is the client span open here.
    const request = parent === undefined ? undefined : this.requestOf.get(parent.spanId);
    if (request === undefined) {
      // A local parent we do not follow: started before us, dropped past a cap, or already ended.
      if (parent !== undefined && !parent.isRemote) return;
      this.startRequest(span, parentContext);
      return;
    }
    if (request.ended) return; // a span started after its root ended is not counted
    if (this.requestOf.size >= this.maxTrackedSpans) {
      countDropped('metrics', names.REASON_TOO_MANY_TRACKED_SPANS, 1);
      return;
    }
    // An HTTP server span starts before the handler's withTags: the first tagged span inside lends its tags.
    if (!request.tagged && readTags(parentContext) !== undefined) {
      request.tagContext = parentContext;
      request.tagged = true;
    }
    this.requestOf.set(span.spanContext().spanId, request);
  }

  private startRequest(root: Span, parentContext: Context): void {
    if (this.openRequests >= this.maxOpenRequests) return countDropped('metrics', names.REASON_TOO_MANY_OPEN_REQUESTS, 1);
    if (this.requestOf.size >= this.maxTrackedSpans) return countDropped('metrics', names.REASON_TOO_MANY_TRACKED_SPANS, 1);
    const rootSpanId = root.spanContext().spanId;
    this.requestOf.set(rootSpanId, {
      root,
      rootSpanId,
      tagContext: parentContext,
      tagged: readTags(parentContext) !== undefined,
      cost: 0,
      modelCalls: 0,
      unpricedCalls: 0,
      failedLayers: 0,
      rootFailed: false,
      ended: false,
    });
    this.openRequests++;
  }

  private fold(span: ReadableSpan): void {
    const spanId = span.spanContext().spanId;
    const request = this.requestOf.get(spanId);
    if (request === undefined) return;
    this.requestOf.delete(spanId);
    if (request.ended) return; // ended after its root: the request was already recorded
    const attributes = span.attributes;
    const failed = span.status.code === SpanStatusCode.ERROR;
    // A model call seen twice is counted on the outer span, cost included.
    const nested = attributes[names.ATTR_SIGHTLINE_MODEL_CALL_NESTED] === true;
    if (!nested) request.cost += costOf(attributes);
    if (!nested && isModelCall(attributes)) {
      request.modelCalls++;
      // A failed call is not billed; a successful one without a cost leaves the request's cost unknown.
      if (typeof attributes[names.ATTR_SIGHTLINE_COST_USD] !== 'number' && !failed) request.unpricedCalls++;
    }
    if (failed) request.failedLayers |= layerBitOf(attributes);
    if (spanId !== request.rootSpanId) return;
    request.ended = true;
    request.rootFailed = failed;
    this.openRequests--;
    if (isEntry(span)) recordRequest(request, span.duration);
  }
}

/** A span's own `sightline.cost.usd`, or 0 when it has none that counts. */
function costOf(attributes: Attributes): number {
  const cost = attributes[names.ATTR_SIGHTLINE_COST_USD];
  return typeof cost === 'number' && Number.isFinite(cost) && cost > 0 ? cost : 0;
}

/**
 * Whether a root makes its tree a request. An outgoing call on top (a vector store's setup, an MCP
 * client's handshake at startup) is work outside any request; its spans are still followed, so that an
 * in-process callee does not become a request of its own. A model call on top is a request: its cost has
 * to land in some request.
 */
function isEntry(root: ReadableSpan): boolean {
  if (root.kind !== SpanKind.CLIENT && root.kind !== SpanKind.PRODUCER) return true;
  return isModelCall(root.attributes);
}

/** Attributes win in the order the CLI reads them: vector, then MCP (merged into a tool span or not), model, tool. */
function layerBitOf(attributes: Attributes): number {
  if (attributes[names.ATTR_DB_SYSTEM_NAME] !== undefined || attributes[names.ATTR_DB_OPERATION_NAME] !== undefined) return VECTOR_BIT;
  if (attributes[names.ATTR_MCP_METHOD_NAME] !== undefined) return MCP_BIT;
  if (isModelCall(attributes)) return MODEL_BIT;
  if (attributes[names.ATTR_GEN_AI_OPERATION_NAME] === names.GEN_AI_OPERATION_EXECUTE_TOOL) return TOOL_BIT;
  return 0;
}

function recordRequest(request: OpenRequest, duration: HrTime): void {
  const outcome = request.failedLayers !== 0 || request.rootFailed ? ERROR : OK;
  const records: MetricRecord[] = [
    { definition: METRICS.requestDuration, value: duration[0] + duration[1] / 1e9, attributes: outcome },
    { definition: METRICS.requestModelCalls, value: request.modelCalls, attributes: outcome },
  ];
  // Never a made-up $0: a request with an unpriced model call has no known cost.
  if (request.unpricedCalls === 0) records.push({ definition: METRICS.requestCost, value: request.cost, attributes: outcome });
  for (let layer = 0; layer < LAYERS.length; layer++) {
    if ((request.failedLayers & (1 << layer)) !== 0) {
      records.push({ definition: METRICS.requestErrors, value: 1, attributes: LAYER_ATTRIBUTES[layer] });
    }
  }
  recordMetrics(records, { context: request.tagContext, span: request.root, derived: true });
}
