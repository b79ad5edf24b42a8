import type { Attributes } from '@opentelemetry/api';
import { serializeAttributes } from '../../metrics/internal-counters.js';
import type { MetricDefinition } from '../../metrics/definitions.js';
import type { OfferedExemplar } from '../../metrics/exemplar-sink.js';
import { bucketIndex } from '../../metrics/series.js';

/** One recorded value that happened inside a sampled span. */
export type Exemplar = OfferedExemplar;

/** Bound on series kept per metric; a new series beyond it gets no exemplars (existing ones keep theirs). */
export const MAX_EXEMPLAR_SERIES_PER_METRIC = 2000;

/**
 * The latest exemplar per histogram bucket (per series for counters). Recording
 * is a map lookup and a slot write, so memory is bounded by series × buckets and
 * the hot path never allocates more than the exemplar itself.
 */
export class ExemplarReservoir {
  private readonly metrics = new Map<string, Map<string, (Exemplar | undefined)[]>>();

  offer(definition: MetricDefinition, value: number, attributes: Attributes, exemplar: Exemplar): void {
    let series = this.metrics.get(definition.name);
    if (!series) {
      series = new Map();
      this.metrics.set(definition.name, series);
    }
    const key = serializeAttributes(attributes);
    let slots = series.get(key);
    if (!slots) {
      if (series.size >= MAX_EXEMPLAR_SERIES_PER_METRIC) return;
      slots = new Array<Exemplar | undefined>(definition.kind === 'histogram' ? (definition.buckets?.length ?? 0) + 1 : 1);
      series.set(key, slots);
    }
    slots[definition.kind === 'histogram' ? bucketIndex(definition.buckets ?? [], value) : 0] = exemplar;
  }

  /** Exemplars of one series, any order (the writer places each in its bucket). */
  exemplarsOf(metricName: string, attributes: Attributes): readonly Exemplar[] {
    const slots = this.metrics.get(metricName)?.get(serializeAttributes(attributes));
    return slots ? slots.filter((slot): slot is Exemplar => slot !== undefined) : [];
  }

  clear(): void {
    this.metrics.clear();
  }
}
