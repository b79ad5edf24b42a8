/**
 * Joins spans into requests while they stream past. A request is a root span
 * with all its descendants; a root is a span with no parent, or whose parent is
 * not in the files (a caller outside them: a browser, another team's service).
 * A tree whose root is an outgoing call other than a model call is handed over
 * too, with `entry` false: the caller counts it as work outside any request.
 * A span whose parent *is* in the files belongs to that parent's request, even
 * when another process (another service.name, another subdirectory) wrote it:
 * the MCP server's span under the agent's client span is part of the agent's
 * request, not a request of its own, so requests are not counted twice and a
 * failure on the far side fails the caller's request.
 *
 * Children are exported before their parents (they end first) and other
 * processes' files are read later, so no request is complete until its trace
 * stops arriving. Each trace keeps its spans' ids until then; fragments whose
 * parent has not been seen yet wait for it (union-find, so joining is cheap).
 * Memory is bounded: past `maxOpenSpans` span ids (100,000 by default), the oldest trace is closed
 * and its requests are counted; a span of it read after that starts a request
 * of its own. The rest are closed at the end of the input.
 */

/** What a request accumulates from its spans. */
export interface RequestTally {
  /**
   * Whether its top span is an entry point, so that the tree is a request: a SERVER, CONSUMER or INTERNAL
   * span, or a model call. A CLIENT or PRODUCER call at the top (a vector store's setup, an MCP handshake
   * at startup) is work outside any request.
   */
  entry: boolean;
  /** Whether any of its spans is in the report's time range (`--since`): only those requests are counted. */
  inRange: boolean;
  failed: boolean;
  /** Bits of the layers with a failed span (see layer-errors.ts). */
  failedLayers: number;
  /** Indices of the report groups its model calls fell in, distinct. */
  groups: number[];
}

/** One span's share of its request. */
export interface SpanContribution {
  /** Whether this span, at the top of its tree, makes the tree a request (see `RequestTally.entry`). */
  entry: boolean;
  /** False for a span before `--since`: it still joins its request's spans together, but adds nothing. */
  inRange: boolean;
  failed: boolean;
  failedLayers: number;
  /** The group of a model call; -1 for any other span. */
  group: number;
}

/** A part of a request whose spans are joined; it is its own tally (one object a part: memory is per open span). */
interface Fragment extends RequestTally {
  /** The fragment this one was merged into; undefined for a live one. */
  up: Fragment | undefined;
}

interface OpenTrace {
  spans: Map<string, Fragment>;
  /** Fragments whose top span's parent has not been read (yet), by that parent's id; made when first needed. */
  waiting: Map<string, Fragment[]> | undefined;
}

/** About 30 MB of open traces at most (the 1M-span benchmark's peak RSS stays under its 300 MB target). */
const DEFAULT_MAX_OPEN_SPANS = 100_000;

export class RequestJoiner {
  private readonly traces = new Map<string, OpenTrace>();
  private openSpans = 0;

  constructor(
    private readonly onRequest: (tally: RequestTally) => void,
    private readonly maxOpenSpans = DEFAULT_MAX_OPEN_SPANS,
  ) {}

  span(traceId: string, spanId: string, parentSpanId: string | undefined, contribution: SpanContribution): void {
    let trace = this.traces.get(traceId);
    if (!trace) {
      trace = { spans: new Map(), waiting: undefined };
      this.traces.set(traceId, trace);
    }
    if (trace.spans.has(spanId)) return; // a span exported twice counts once
    const parent = parentSpanId === undefined ? undefined : trace.spans.get(parentSpanId);
    const fragment: Fragment = parent
      ? live(parent)
      : { up: undefined, entry: contribution.entry, inRange: false, failed: false, failedLayers: 0, groups: [] };
    add(fragment, contribution);
    trace.spans.set(spanId, fragment);
    this.openSpans++;
    const children = trace.waiting?.get(spanId);
    if (children) {
      trace.waiting!.delete(spanId);
      for (const child of children) merge(child, fragment);
    }
    if (!parent && parentSpanId !== undefined) {
      trace.waiting ??= new Map();
      const siblings = trace.waiting.get(parentSpanId);
      if (siblings) siblings.push(fragment);
      else trace.waiting.set(parentSpanId, [fragment]);
    }
    while (this.openSpans > this.maxOpenSpans) this.closeOldest();
  }

  /** Counts every request still open: call once, after the last span. */
  finish(): void {
    while (this.traces.size > 0) this.closeOldest();
  }

  private closeOldest(): void {
    const [traceId, trace] = this.traces.entries().next().value as [string, OpenTrace];
    this.traces.delete(traceId);
    this.openSpans -= trace.spans.size;
    const roots = new Set<Fragment>();
    for (const fragment of trace.spans.values()) roots.add(live(fragment));
    for (const root of roots) if (root.inRange) this.onRequest(root);
  }
}

function live(fragment: Fragment): Fragment {
  let root = fragment;
  while (root.up) root = root.up;
  // Path compression: later look-ups from this span are one step.
  let step = fragment;
  while (step.up && step.up !== root) {
    const next = step.up;
    step.up = root;
    step = next;
  }
  return root;
}

function merge(child: Fragment, into: Fragment): void {
  const from = live(child);
  const to = live(into);
  if (from === to) return;
  to.inRange ||= from.inRange;
  to.failed ||= from.failed;
  to.failedLayers |= from.failedLayers;
  for (const group of from.groups) if (!to.groups.includes(group)) to.groups.push(group);
  from.up = to;
}

function add(tally: RequestTally, contribution: SpanContribution): void {
  if (!contribution.inRange) return;
  tally.inRange = true;
  tally.failed ||= contribution.failed;
  tally.failedLayers |= contribution.failedLayers;
  if (contribution.group >= 0 && !tally.groups.includes(contribution.group)) tally.groups.push(contribution.group);
}
