import { MetricReader } from '@opentelemetry/sdk-metrics';

/** A reader that exports nothing by itself: each scrape calls `collect()`. */
export class PullMetricReader extends MetricReader {
  constructor(private readonly onShutdownHook: () => Promise<void>) {
    super();
  }

  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }

  protected onShutdown(): Promise<void> {
    return this.onShutdownHook();
  }
}
