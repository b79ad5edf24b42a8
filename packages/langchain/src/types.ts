/** Options of `new SightlineCallbackHandler(options)`. */
export interface SightlineCallbackHandlerOptions {
  /**
   * Run metadata keys to read as tags, beside the schema's own keys (which are always read):
   * `{ tenant_id: 'team' }` makes `metadata.tenant_id` the `team` tag.
   */
  metadataTags?: Readonly<Record<string, string>>;
  /**
   * Rewrites every captured text (prompts, completions, tool arguments and
   * results) before it is recorded. Runs only when content capture is on
   * (`init({ captureContent: true })`). If it throws, the content is dropped.
   */
  redactContent?: (text: string) => string;
  /** Longest captured content attribute, in characters. Default 16 384. */
  maxContentLength?: number;
  /** Record spans for plain chains (prompts, parsers, graph nodes). Default true. */
  recordChains?: boolean;
  /**
   * Most runs tracked at once. A run that LangChain never ends is ended (and
   * counted as dropped) once this many newer runs are open. Default 10 000.
   */
  maxOpenRuns?: number;
}
