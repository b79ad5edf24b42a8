import {
  context as contextApi,
  metrics,
  type Attributes,
  type Context,
  type Counter,
  type Histogram,
  type MeterProvider,
} from '@opentelemetry/api';
import { accountSpend } from '../budgets/registry.js';
import { offerExemplar } from '../exporters/prometheus/exemplar-sink.js';
import { createLogger } from '../internal/logger.js';
import { globalSlot } from '../runtime/global-slot.js';
import { METRIC_SIGHTLINE_LLM_COST } from '../semconv.js';
import { readTags } from '../tags/tag-context.js';
import type { MetricDefinition } from './definitions.js';
import { METER_NAME } from './meter-name.js';
import { setStampedRecord } from './tag-view.js';

const log = createLogger('metrics');

export interface RecordOptions {
  /** The context whose tags (and active span, for exemplars) apply. Default: the active context. */
  context?: Context;
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
export function recordMetric(
  definition: MetricDefinition,
  value: number,
  attributes: Attributes = {},
  options: RecordOptions = {},
): void {
  if (!Number.isFinite(value)) {
    log.warnOnce(`non-finite:${definition.name}`, `dropped a non-finite value for ${definition.name}`);
    return;
  }
  if (value < 0) {
    log.warnOnce(`negative:${definition.name}`, `dropped a negative value for ${definition.name}`);
    return;
  }
  try {
    const ctx = options.context ?? contextApi.active();
    const slot = globalSlot();
    const runtime = slot.tagRuntime;
    const frame = runtime?.frameFor(readTags(ctx));
    let recorded: Attributes;
    if (frame !== undefined && slot.metricAccumulator !== undefined) {
      recorded = slot.metricAccumulator.record(definition, value, frame, attributes).attributes;
    } else {
      // Object.assign, not a spread: V8 (Node 20) clones a spread's shape per call, several times slower here.
      recorded = frame === undefined ? attributes : Object.assign({}, frame.attributes, attributes);
      recordThroughSdk(definition, value, recorded, frame !== undefined, ctx);
    }
    if (frame !== undefined) runtime?.countUntaggedFrame(frame);
    offerExemplar(definition, value, recorded, ctx);
    if (definition.name === METRIC_SIGHTLINE_LLM_COST) accountSpend(value, recorded, ctx);
  } catch (error) {
    log.warnOnce(`record:${definition.name}`, `could not record ${definition.name}`, error);
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
