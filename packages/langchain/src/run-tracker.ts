import { context as contextApi, trace, type Attributes, type Context, type Span, type SpanKind } from '@opentelemetry/api';
import {
  cachedTracer,
  countDropped,
  createLogger,
  markFailed,
  resolveParentContext,
  semconv,
  tagContext,
} from '@sightline/core/instrumentation';
import type { MetadataFindings } from './metadata-tags.js';
import { sourceBecameActive, sourceBecameIdle, type RunSource } from './parent-resolution.js';
import { RunEntry } from './run-entry.js';

const log = createLogger('langchain');
const SCOPE = '@sightline/langchain';

export interface SpanRequest {
  name: string;
  kind: SpanKind;
  attributes: Attributes;
}

export interface RunOutcome {
  error?: unknown;
  errorType?: string;
  /** Last words on the span (attributes, metrics) before it ends; runs guarded. */
  beforeEnd?: (entry: RunEntry) => void;
}

/** A run that simply ended. */
export const NO_OUTCOME: RunOutcome = Object.freeze({});

/**
 * Maps LangChain run ids to spans. `end` is the only way an entry leaves the
 * map, whether the run ended, failed, was aborted, was evicted, or the handler
 * was disposed, so the map and the resolver index are empty once every run is over.
 */
export class RunTracker implements RunSource {
  readonly runs = new Map<string, RunEntry>();

  constructor(private readonly maxOpenRuns: number) {}

  /**
   * Opens a run; `request` undefined means the run gets no span and its children nest under its parent.
   * `frameless` runs (retrievers, models) run their body without a LangChain context frame of their own.
   */
  start(
    runId: string,
    parentRunId: string | undefined,
    request: SpanRequest | undefined,
    frameless = false,
    found?: MetadataFindings,
  ): RunEntry {
    if (this.runs.has(runId)) this.end(runId, NO_OUTCOME); // a reused run id: close the stale entry first
    if (this.runs.size >= this.maxOpenRuns) this.evictOldest();
    const active = contextApi.active();
    const parent = parentRunId === undefined ? undefined : this.runs.get(parentRunId);
    const parentSpan = parent?.spanForChildren;
    // Tags always come from the active context; only the span comes from the parent run.
    let parentContext = parentSpan === undefined ? resolveParentContext(active) : withParentSpan(active, parentSpan);
    // Tags from the run's metadata go over the context's, for its span and metrics alike.
    if (found?.tags !== undefined) parentContext = tagContext(parentContext, found.tags);
    let span: Span | undefined;
    if (request !== undefined) {
      const attributes =
        found?.conversationId === undefined
          ? request.attributes
          : { ...request.attributes, [semconv.ATTR_GEN_AI_CONVERSATION_ID]: found.conversationId };
      span = cachedTracer(SCOPE).startSpan(request.name, { kind: request.kind, attributes }, parentContext);
    }
    const entry = new RunEntry(runId, parent, span, parentContext, frameless, found?.tags);
    if (this.runs.size === 0) sourceBecameActive(this);
    this.runs.set(runId, entry);
    if (parent !== undefined) (parent.children ??= []).push(runId);
    return entry;
  }

  get(runId: string): RunEntry | undefined {
    return this.runs.get(runId);
  }

  /** The single end path. Unknown run ids (already ended, or started before the handler) are ignored. */
  end(runId: string, outcome: RunOutcome): void {
    const entry = this.runs.get(runId);
    if (entry === undefined) return;
    this.runs.delete(runId);
    if (this.runs.size === 0) sourceBecameIdle(this);
    if (entry.parent !== undefined) removeChild(entry.parent, runId);
    // Children LangChain never closed (an abort mid-flight) end with their parent, and share its failure.
    if (entry.children !== undefined) {
      for (const childId of [...entry.children]) {
        this.end(childId, outcome.error === undefined ? NO_OUTCOME : { error: outcome.error, errorType: outcome.errorType });
      }
    }
    const span = entry.span;
    if (span === undefined) return;
    try {
      if (outcome.error !== undefined) markFailed(span, outcome.error, outcome.errorType);
      outcome.beforeEnd?.(entry);
    } catch (error) {
      log.warnOnce('end', 'could not finish a LangChain run span; the run is unaffected', error);
    } finally {
      span.end();
    }
  }

  /** Ends every open run, e.g. when the handler is torn down. */
  endAll(): void {
    for (const runId of [...this.runs.keys()]) this.end(runId, NO_OUTCOME);
  }

  private evictOldest(): void {
    const oldest = this.runs.keys().next();
    if (oldest.done) return;
    log.warnOnce('evicted', `more than ${this.maxOpenRuns} LangChain runs open; ending the oldest`);
    countDropped('traces', semconv.REASON_TOO_MANY_ENTRIES, 1);
    this.end(oldest.value, NO_OUTCOME);
  }
}

/** `active` with the parent run's span: inside the parent's frame the resolving context manager has usually put it there already. */
function withParentSpan(active: Context, span: Span): Context {
  return trace.getSpan(active) === span ? active : trace.setSpan(active, span);
}

function removeChild(parent: RunEntry, childId: string): void {
  const children = parent.children;
  if (children === undefined) return;
  // Children usually end newest first: pop, without the array splice allocates.
  if (children[children.length - 1] === childId) children.pop();
  else {
    const index = children.lastIndexOf(childId);
    if (index >= 0) children.splice(index, 1);
  }
}
