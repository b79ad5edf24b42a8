// Sightline started for an overhead bench: every processor, reader and hook runs, and nothing is
// exported, so the bench times the instrumentation and not a disk or a collector.
import { AggregationTemporality, MetricReader } from '@opentelemetry/sdk-metrics';
import { init } from '../packages/core/dist/index.js';

class DiscardingReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  async onForceFlush() {}
  async onShutdown() {}
}
const discard = { onStart() {}, onEnd() {}, forceFlush: async () => {}, shutdown: async () => {} };

export function initDiscarding() {
  return init({
    serviceName: 'bench',
    exporters: { file: false },
    pipelines: { spanProcessors: [discard], metricReaders: [new DiscardingReader()] },
  });
}
