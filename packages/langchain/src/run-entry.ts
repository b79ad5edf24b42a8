import type { Context, Span } from '@opentelemetry/api';

/** What the handler keeps per open LangChain run, until its single end path runs. */
export interface RunEntry {
  readonly runId: string;
  readonly parentRunId: string | undefined;
  /** Undefined for runs that get no span of their own (hidden or filtered). */
  readonly span: Span | undefined;
  /** Context for this run's children and metrics: the run's span (or nearest ancestor's) with the caller's tags. */
  readonly context: Context;
  readonly startedAt: number;
  readonly children: Set<string>;
  /** Present for model runs only. */
  model?: ModelRunState;
}

export interface ModelRunState {
  requestModel: string | undefined;
  providerName: string | undefined;
  firstChunkAt?: number;
  /** Held only while evaluators are configured, and dropped with the entry. */
  question?: string;
}
