import { kindOfWork, type SpanKindOfWork } from '../read/layers.js';
import type { SpanRecord } from '../read/otlp.js';

export interface TraceNode {
  span: SpanRecord;
  kind: SpanKindOfWork;
  children: TraceNode[];
  depth: number;
  /** Time in this span not covered by any child span. */
  selfSeconds: number;
}

/**
 * Links spans into a tree by parent id. Spans whose parent is not in the files
 * (a remote caller, or a parent still open when the files were read) become
 * roots; several roots hang under one synthetic `(trace)` root spanning them all.
 */
export function buildTraceTree(spans: readonly SpanRecord[]): TraceNode {
  const nodes = new Map<string, TraceNode>();
  for (const span of spans)
    nodes.set(span.spanId, { span, kind: kindOfWork(span.name, span.attributes), children: [], depth: 0, selfSeconds: 0 });
  const roots: TraceNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.span.parentSpanId === undefined ? undefined : nodes.get(node.span.parentSpanId);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const root = roots.length === 1 ? roots[0]! : syntheticRoot(roots);
  finish(root, 0);
  return root;
}

function syntheticRoot(roots: TraceNode[]): TraceNode {
  const startMs = Math.min(...roots.map((node) => node.span.startMs));
  const endMs = Math.max(...roots.map((node) => node.span.endMs));
  const first = roots[0]!.span;
  const span: SpanRecord = {
    ...first,
    spanId: '',
    parentSpanId: undefined,
    name: '(trace)',
    startMs,
    endMs,
    durationSeconds: (endMs - startMs) / 1000,
    statusCode: 0,
    attributes: {},
  };
  return { span, kind: 'app', children: roots, depth: 0, selfSeconds: 0 };
}

/** Layers whose unclassified outgoing (CLIENT) children are their own work: the HTTP span of a model call is model provider time. */
const OUTGOING: ReadonlySet<SpanKindOfWork> = new Set(['model', 'vector', 'mcp']);
const OTLP_CLIENT = 3;

function finish(node: TraceNode, depth: number, parentKind?: SpanKindOfWork): void {
  node.depth = depth;
  if (node.kind === 'app' && node.span.kind === OTLP_CLIENT && parentKind !== undefined && OUTGOING.has(parentKind)) node.kind = parentKind;
  node.children.sort((a, b) => a.span.startMs - b.span.startMs);
  node.selfSeconds = Math.max(0, node.span.durationSeconds - coveredSeconds(node));
  for (const child of node.children) finish(child, depth + 1, node.kind);
}

/** Length of the union of the children's intervals, clipped to the parent's. */
function coveredSeconds(node: TraceNode): number {
  const { startMs, endMs } = node.span;
  let covered = 0;
  let cursor = startMs;
  for (const child of node.children) {
    const from = Math.max(child.span.startMs, cursor);
    const to = Math.min(child.span.endMs, endMs);
    if (to > from) {
      covered += to - from;
      cursor = to;
    }
  }
  return covered / 1000;
}

export function walk(node: TraceNode, visit: (node: TraceNode) => void): void {
  visit(node);
  for (const child of node.children) walk(child, visit);
}
