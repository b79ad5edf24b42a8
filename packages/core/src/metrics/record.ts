import {
  context as contextApi,
  metrics,
  trace,
  type Attributes,
  type Context,
  type Counter,
  type Histogram,
  type MeterProvider,
  type Span,
} from '@opentelemetry/api';
import { accountSpend } from './spend-hook.js';
import { offerExemplar } from './exemplar-sink.js';
import { createLogger } from '../internal/logger.js';
import { globalSlot } from '../internal/global-slot.js';
import { METRIC_SIGHTLINE_LLM_COST } from '../semconv.js';
import { readTags } from '../tags/tag-context.js';
import type { TagFrame } from '../tags/tag-runtime.js';
import type { TagSlot } from '../tags/tag-slot.js';
import { stampedAttributes, type MetricAccumulator } from './accumulator.js';
import type { MetricDefinition } from './definitions.js';
import { METER_NAME } from './meter-name.js';
import { setStampedRecord } from './tag-view.js';

const log = createLogger('metrics');

export interface RecordOptions {
  /** The context whose tags (and active span, for exemplars) apply. Default: the active context. */
  context?: Context;
  /**
   * The span the values belong to, when it is not `context`'s own: exemplars and budget alerts
   * link to it. Saves the caller building a context per call just to carry the span.
   */
  span?: Span;
  /**
   * Values derived from spans whose tags were already counted (the request metrics): their tag
   * enrichments are not counted again in `sightline.tags.untagged`, which counts items, not derivations.
   */
  derived?: boolean;
}

/** One value of a batch for `recordMetrics`. */
export interface MetricRecord {
  readonly definition: MetricDefinition;
  readonly value: number;
  readonly attributes?: Attributes;
}

/** Set by `init`, whose readers collect it; apps that bring their own SDK record through its instruments instead. */
export interface RecordingSlot extends TagSlot {
  metricAccumulator?: MetricAccumulator;
}

type Instrument = Histogram | Counter;
const instrumentCache = new WeakMap<MeterProvider, Map<string, Instrument>>();

/**
 * The one way Sightline packages record a metric: the current tags (with defaults
 * or "untagged") are added to `attributes`, so every series can be sliced by
 * team, feature, ... Under `init` the value goes to Sightline's own aggregation,
 * which init's readers collect; otherwise the global meter's instruments are looked
 * up at call time (so before `init` this records into the no-op provider). Negative
 * and non-finite values are dropped, as the SDK drops them. Never throws.
 */
export function recordMetric(definition: MetricDefinition, value: number, attributes: Attributes = {}, options: RecordOptions = {}): void {
  const batch = openBatch(options);
  if (batch !== undefined && recordOne(batch, definition, value, attributes)) countEnrichments(batch, 1);
}

/**
 * Several values under one context at once (a model call's tokens, duration and cost): the
 * tags are looked up, and the untagged enrichments counted, once for the batch. Never throws.
 */
export function recordMetrics(records: readonly MetricRecord[], options: RecordOptions = {}): void {
  const batch = openBatch(options);
  if (batch === undefined) return;
  let recorded = 0;
  for (const record of records) if (recordOne(batch, record.definition, record.value, record.attributes ?? {})) recorded++;
  if (options.derived !== true) countEnrichments(batch, recorded);
}

interface Batch {
  readonly context: Context;
  readonly span: Span | undefined;
  readonly frame: TagFrame | undefined;
  readonly accumulator: MetricAccumulator | undefined;
  /** `context` with `span` active, built on first need (only the SDK path and budgets need a context). */
  spanContext: Context | undefined;
}

function openBatch(options: RecordOptions): Batch | undefined {
  try {
    const context = options.context ?? contextApi.active();
    const slot = globalSlot<RecordingSlot>();
    const frame = slot.tagRuntime?.frameFor(readTags(context));
    const span = options.span ?? trace.getSpan(context);
    const spanContext = options.span === undefined ? context : undefined;
    return { context, span, frame, accumulator: slot.metricAccumulator, spanContext };
  } catch (error) {
    log.warnOnce('record', 'could not read the tags for a metric; nothing was recorded', error);
    return undefined;
  }
}

/** Records one value; false when it was dropped. */
function recordOne(batch: Batch, definition: MetricDefinition, value: number, attributes: Attributes): boolean {
  if (!Number.isFinite(value)) {
    log.warnOnce(`non-finite:${definition.name}`, `dropped a non-finite value for ${definition.name}`);
    return false;
  }
  if (value < 0) {
    log.warnOnce(`negative:${definition.name}`, `dropped a negative value for ${definition.name}`);
    return false;
  }
  try {
    const { frame, accumulator } = batch;
    let recorded: Attributes;
    if (frame !== undefined && accumulator !== undefined) {
      recorded = accumulator.record(definition, value, frame, attributes);
    } else {
      recorded = frame === undefined ? attributes : stampedAttributes(frame, attributes);
      recordThroughSdk(definition, value, recorded, frame !== undefined, spanContextOf(batch));
    }
    offerExemplar(definition, value, recorded, batch.span);
    if (definition.name === METRIC_SIGHTLINE_LLM_COST) accountSpend(value, recorded, () => spanContextOf(batch));
    return true;
  } catch (error) {
    log.warnOnce(`record:${definition.name}`, `could not record ${definition.name}`, error);
    return false;
  }
}

function spanContextOf(batch: Batch): Context {
  batch.spanContext ??= batch.span === undefined ? batch.context : trace.setSpan(batch.context, batch.span);
  return batch.spanContext;
}

function countEnrichments(batch: Batch, records: number): void {
  if (batch.frame === undefined || records === 0) return;
  try {
    globalSlot<RecordingSlot>().tagRuntime?.countEnrichments(batch.frame.metrics, records);
  } catch (error) {
    log.warnOnce('count-untagged', 'could not count the tag enrichments of metric records', error);
  }
}

/** Apps that bring their own SDK: the global meter's instruments, with the tags already stamped. */
function recordThroughSdk(definition: MetricDefinition, value: number, attributes: Attributes, stamped: boolean, ctx: Context): void {
  const instrument = instrumentFor(metrics.getMeterProvider(), definition);
  setStampedRecord(stamped ? attributes : undefined);
  try {
    if (definition.kind === 'histogram') (instrument as Histogram).record(value, attributes, ctx);
    else (instrument as Counter).add(value, attributes, ctx);
  } finally {
    setStampedRecord(undefined);
  }
}

function instrumentFor(provider: MeterProvider, definition: MetricDefinition): Instrument {
  let byName = instrumentCache.get(provider);
  if (!byName) {
    byName = new Map();
    instrumentCache.set(provider, byName);
  }
  let instrument = byName.get(definition.name);
  if (!instrument) {
    const meter = provider.getMeter(METER_NAME);
    const { unit, description, buckets } = definition;
    instrument =
      definition.kind === 'histogram'
        ? meter.createHistogram(definition.name, {
            unit,
            description,
            advice: buckets ? { explicitBucketBoundaries: [...buckets] } : undefined,
          })
        : meter.createCounter(definition.name, { unit, description });
    byName.set(definition.name, instrument);
  }
  return instrument;
}
