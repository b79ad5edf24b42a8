/** What flush and shutdown drive for one signal: a provider, or the parts Sightline put into someone else's. */
export interface SignalPipeline {
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface Signals {
  traces: SignalPipeline;
  metrics: SignalPipeline;
  logs: SignalPipeline;
  /**
   * Whether Sightline built these pipelines. Pipelines inside the app's own SDK are
   * flushed by Sightline but shut down by that SDK.
   */
  owned: boolean;
  /** Where the file exporter writes, when it is on. */
  fileDir: string | undefined;
  /** Undoes exactly what was made global for these pipelines (nothing, beside an app's SDK). */
  releaseGlobals(): void;
}

/** Several processors or readers flushed and shut down together. */
export function pipelineOf(members: readonly SignalPipeline[]): SignalPipeline {
  return {
    forceFlush: async () => {
      await Promise.all(members.map((member) => member.forceFlush()));
    },
    shutdown: async () => {
      await Promise.all(members.map((member) => member.shutdown()));
    },
  };
}
