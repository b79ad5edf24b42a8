import { TraceFlags, isSpanContextValid, type Attributes, type Span } from '@opentelemetry/api';
import type { MetricDefinition } from './definitions.js';
import { globalSlot } from '../internal/global-slot.js';

/**
 * What recording needs of the Prometheus endpoint's reservoir
 * (exporters/prometheus/exemplar-reservoir.ts), which registers itself here.
 */
export interface ExemplarSink {
  offer(definition: MetricDefinition, value: number, attributes: Attributes, exemplar: OfferedExemplar): void;
}

/** One recorded value that happened inside a sampled span. */
export interface OfferedExemplar {
  readonly value: number;
  /** Milliseconds since the epoch. */
  readonly timeMs: number;
  readonly traceId: string;
  readonly spanId: string;
}

/** The reservoir lives in the process-wide slot so that the ESM and CJS builds share it. */
type SlotWithExemplars = { exemplarReservoir?: ExemplarSink };

export function registerExemplarSink(reservoir: ExemplarSink): void {
  (globalSlot() as SlotWithExemplars).exemplarReservoir = reservoir;
}

/** Unregisters `reservoir` if it is still the registered one (a later endpoint may have replaced it). */
export function unregisterExemplarSink(reservoir: ExemplarSink): void {
  const slot = globalSlot() as SlotWithExemplars;
  if (slot.exemplarReservoir === reservoir) slot.exemplarReservoir = undefined;
}

/**
 * Called by `recordMetric` after the instrument recorded. Without a Prometheus
 * endpoint this is one property read. Only records inside a sampled span become
 * exemplars (the OTel "trace_based" exemplar filter), so every exemplar links
 * to a trace that exists.
 */
export function offerExemplar(definition: MetricDefinition, value: number, attributes: Attributes, span: Span | undefined): void {
  const reservoir = (globalSlot() as SlotWithExemplars).exemplarReservoir;
  if (reservoir === undefined) return;
  const spanContext = span?.spanContext();
  if (spanContext === undefined || !isSpanContextValid(spanContext)) return;
  if ((spanContext.traceFlags & TraceFlags.SAMPLED) === 0) return;
  reservoir.offer(definition, value, attributes, {
    value,
    timeMs: Date.now(),
    traceId: spanContext.traceId,
    spanId: spanContext.spanId,
  });
}
