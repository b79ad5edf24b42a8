import { trace, type Context } from '@opentelemetry/api';
import { registerParentResolver, tagContext } from '@sightline/core/instrumentation';
import type { RunEntry } from './run-entry.js';
import { currentRunConfig } from './shared-storage.js';

/** The open runs of one handler, by LangChain run id. */
export interface RunSource {
  readonly runs: ReadonlyMap<string, RunEntry>;
}

/**
 * Handlers with at least one open run. A handler joins with its first open run
 * and leaves with its last, so the resolver never holds an idle handler, and
 * costs one size check while no LangChain run is open.
 */
const activeSources = new Set<RunSource>();
let resolverRegistered = false;

export function sourceBecameActive(source: RunSource): void {
  activeSources.add(source);
  if (!resolverRegistered) {
    resolverRegistered = true;
    registerParentResolver(resolveFromLangChainRun);
  }
}

export function sourceBecameIdle(source: RunSource): void {
  activeSources.delete(source);
}

/** For tests and diagnostics: how many runs the resolver can currently see. */
export function publishedRunCount(): number {
  let count = 0;
  for (const source of activeSources) count += source.runs.size;
  return count;
}

interface ParentRunSource {
  getParentRunId?: () => string | undefined;
}

/**
 * Core's parent resolver for LangChain. Inside a run body, LangChain's own
 * AsyncLocalStorage holds the run's child config, whose callback manager names
 * the current run as its parent run. That id maps to the span we opened for
 * it; from there we step down into the newest open frameless child, because a
 * retriever's or model's body still sees its caller's frame. The run's metadata
 * tags go over the active context's, so a foreign span inside the run carries them.
 */
function resolveFromLangChainRun(active: Context): Context | undefined {
  if (activeSources.size === 0) return undefined;
  const callbacks = currentRunConfig()?.callbacks as ParentRunSource | undefined;
  const runId = typeof callbacks?.getParentRunId === 'function' ? callbacks.getParentRunId() : undefined;
  if (runId === undefined) return undefined;
  for (const source of activeSources) {
    let run = source.runs.get(runId);
    for (let depth = 0; depth < 16 && run !== undefined; depth++) {
      const child = newestFramelessChild(source, run);
      if (child === undefined) break;
      run = child;
    }
    if (run?.spanForChildren === undefined) continue;
    const withSpan = trace.setSpan(active, run.spanForChildren);
    return run.metadataTags === undefined ? withSpan : tagContext(withSpan, run.metadataTags);
  }
  return undefined;
}

function newestFramelessChild(source: RunSource, run: RunEntry): RunEntry | undefined {
  const children = run.children;
  if (children === undefined) return undefined;
  for (let index = children.length - 1; index >= 0; index--) {
    const child = source.runs.get(children[index] as string);
    if (child?.frameless) return child;
  }
  return undefined;
}
