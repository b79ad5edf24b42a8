import { trace, type Context, type Span } from '@opentelemetry/api';

/** What the handler keeps per open LangChain run, until its single end path runs. */
export class RunEntry {
  /** Present for model runs only. */
  model: ModelRunState | undefined = undefined;
  /** Open child run ids in start order; created with the first child. */
  children: string[] | undefined = undefined;
  /** The span that code inside this run nests under: the run's own, or its nearest ancestor's. */
  readonly spanForChildren: Span | undefined;
  private runContext: Context | undefined = undefined;

  constructor(
    readonly runId: string,
    /** The parent run, when it is one this handler tracks. */
    readonly parent: RunEntry | undefined,
    /** Undefined for runs that get no span of their own (hidden or filtered). */
    readonly span: Span | undefined,
    /** The caller's context with the parent run's span: the run's tags come from here. */
    readonly parentContext: Context,
    /**
     * Whether the run's body runs without a LangChain context frame of its own (retrievers and
     * models get their run manager as an argument instead), so code in it still sees the caller's frame.
     */
    readonly frameless: boolean,
    /** Tags from the run's metadata, which code inside the run (foreign spans) inherits too. */
    readonly metadataTags?: Readonly<Record<string, unknown>>,
  ) {
    this.spanForChildren = span ?? trace.getSpan(parentContext);
  }

  /**
   * Context for this run's metrics and evaluations: the run's span (or nearest ancestor's) with the
   * caller's tags. Built on first use, since most runs (chains) never need it.
   */
  get context(): Context {
    this.runContext ??= this.span === undefined ? this.parentContext : trace.setSpan(this.parentContext, this.span);
    return this.runContext;
  }
}

export interface ModelRunState {
  requestModel: string | undefined;
  providerName: string | undefined;
  /** `performance.now()` when the run started: model runs are the ones whose duration is recorded. */
  startedAt: number;
  firstChunkAt?: number;
  /** Held only while evaluators are configured, and dropped with the entry. */
  question?: string;
}
