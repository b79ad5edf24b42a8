import type { Context, Span } from '@opentelemetry/api';

/** What the handler keeps per open LangChain run, until its single end path runs. */
export interface RunEntry {
  readonly runId: string;
  readonly parentRunId: string | undefined;
  /** Undefined for runs that get no span of their own (hidden or filtered). */
  readonly span: Span | undefined;
  /** Context for this run's children and metrics: the run's span (or nearest ancestor's) with the caller's tags. */
  readonly context: Context;
  /** The span that code inside this run nests under: the run's own, or its nearest ancestor's. */
  readonly spanForChildren: Span | undefined;
  readonly startedAt: number;
  /**
   * Whether the run's body runs without a LangChain context frame of its own (retrievers and
   * models get their run manager as an argument instead), so code in it still sees the caller's frame.
   */
  readonly frameless: boolean;
  /** Open child run ids in start order; created with the first child. */
  children: string[] | undefined;
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
