import { countInternal } from './internal-counters.js';
import { ATTR_SIGHTLINE_REASON, ATTR_SIGHTLINE_SIGNAL, METRIC_SIGHTLINE_TELEMETRY_DROPPED } from '../semconv.js';

export type Signal = 'traces' | 'metrics' | 'logs' | 'evaluations';

/** Counts telemetry items that will never reach their destination. */
export function countDropped(signal: Signal, reason: string, items: number): void {
  if (items <= 0) return;
  countInternal(
    METRIC_SIGHTLINE_TELEMETRY_DROPPED,
    'Telemetry items lost before export, by signal and reason',
    { [ATTR_SIGHTLINE_SIGNAL]: signal, [ATTR_SIGHTLINE_REASON]: reason },
    items,
  );
}
