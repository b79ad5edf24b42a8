import { trace, type Context, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageProviderSingleton } from '@langchain/core/singletons';
import { registerParentResolver } from '@sightline/core';

interface PublishedRun {
  span: Span;
  parentRunId: string | undefined;
  /**
   * Open child runs whose bodies run without a LangChain context frame of their
   * own (retrievers and models get their run manager as an argument instead),
   * in start order. Code in such a body still sees this run as current.
   */
  framelessChildren: string[];
}

/**
 * Runs that are open right now, across all handler instances, by LangChain run
 * id. Entries are added and removed only by RunTracker's start and end paths.
 */
const openRuns = new Map<string, PublishedRun>();
let resolverRegistered = false;

export function publishRun(runId: string, span: Span, parentRunId: string | undefined, frameless: boolean): void {
  openRuns.set(runId, { span, parentRunId, framelessChildren: [] });
  if (frameless && parentRunId !== undefined) openRuns.get(parentRunId)?.framelessChildren.push(runId);
  if (!resolverRegistered) {
    resolverRegistered = true;
    registerParentResolver(resolveFromLangChainRun);
  }
}

export function withdrawRun(runId: string): void {
  const run = openRuns.get(runId);
  if (run === undefined) return;
  openRuns.delete(runId);
  const siblings = run.parentRunId === undefined ? undefined : openRuns.get(run.parentRunId)?.framelessChildren;
  const index = siblings?.lastIndexOf(runId) ?? -1;
  if (index >= 0) siblings?.splice(index, 1);
}

/** For tests and diagnostics: how many runs the resolver can currently see. */
export function publishedRunCount(): number {
  return openRuns.size;
}

interface ParentRunSource {
  getParentRunId?: () => string | undefined;
}

/**
 * Core's parent resolver for LangChain. Inside a run body, LangChain's own
 * AsyncLocalStorage holds the run's child config, whose callback manager names
 * the current run as its parent run. That id maps to the span we opened for
 * it; from there we step down into the newest open frameless child, because a
 * retriever's or model's body still sees its caller's frame.
 */
function resolveFromLangChainRun(active: Context): Context | undefined {
  if (openRuns.size === 0) return undefined;
  const callbacks = AsyncLocalStorageProviderSingleton.getRunnableConfig()?.callbacks as ParentRunSource | undefined;
  const runId = typeof callbacks?.getParentRunId === 'function' ? callbacks.getParentRunId() : undefined;
  let run = runId === undefined ? undefined : openRuns.get(runId);
  if (run === undefined) return undefined;
  for (let depth = 0; depth < 16 && run.framelessChildren.length > 0; depth++) {
    const child = openRuns.get(run.framelessChildren[run.framelessChildren.length - 1] as string);
    if (child === undefined) break;
    run = child;
  }
  return trace.setSpan(active, run.span);
}
