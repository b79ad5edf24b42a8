import type { TraceNode } from './trace-tree.js';

export interface PathSegment {
  node: TraceNode;
  seconds: number;
}

/**
 * The chain of work that determined when the trace finished. Walking back from
 * a span's end, the child that finished last (at or before the cursor) is what
 * the span waited for: it joins the path, the cursor moves to its start, and
 * the search continues among the children that ended before that. Time in
 * between belongs to the span itself. Children running in parallel with a
 * path child are, by construction, off the path.
 */
export function criticalPath(root: TraceNode): PathSegment[] {
  const segments: PathSegment[] = [];
  visit(root, root.span.endMs, segments);
  return merge(segments);
}

function visit(node: TraceNode, untilMs: number, segments: PathSegment[]): void {
  // Listed even when its children cover all of it: the path runs through it.
  segments.push({ node, seconds: 0 });
  let cursor = Math.min(node.span.endMs, untilMs);
  const byEnd = [...node.children].sort((a, b) => b.span.endMs - a.span.endMs);
  for (const child of byEnd) {
    const childEnd = Math.min(child.span.endMs, node.span.endMs);
    if (childEnd > cursor || child.span.startMs >= cursor) continue;
    if (cursor > childEnd) segments.push({ node, seconds: (cursor - childEnd) / 1000 });
    visit(child, childEnd, segments);
    cursor = Math.max(child.span.startMs, node.span.startMs);
  }
  if (cursor > node.span.startMs) segments.push({ node, seconds: (cursor - node.span.startMs) / 1000 });
}

/** One entry per span on the path, in the order the path visits them. */
function merge(segments: PathSegment[]): PathSegment[] {
  const bySpan = new Map<TraceNode, PathSegment>();
  const order: TraceNode[] = [];
  for (const segment of segments) {
    const existing = bySpan.get(segment.node);
    if (existing) existing.seconds += segment.seconds;
    else {
      bySpan.set(segment.node, { ...segment });
      order.push(segment.node);
    }
  }
  return order.map((node) => bySpan.get(node)!).sort((a, b) => a.node.span.startMs - b.node.span.startMs || a.node.depth - b.node.depth);
}
