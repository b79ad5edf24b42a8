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
 * team, feature, ... The meter is looked up at call time, so before `init` this
 * records into the no-op provider. Never throws.
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
  try {
    const ctx = options.context ?? contextApi.active();
    const runtime = globalSlot().tagRuntime;
    let recorded = attributes;
    if (runtime !== undefined) {
      const frame = runtime.frameFor(readTags(ctx));
      // Object.assign, not a spread: V8 (Node 20) clones a spread's shape per call, several times slower here.
      recorded = Object.assign({}, frame.attributes, attributes);
      runtime.countUntaggedFrame(frame);
    }
    const instrument = instrumentFor(metrics.getMeterProvider(), definition);
    setStampedRecord(runtime === undefined ? undefined : recorded);
    try {
      if (definition.kind === 'histogram') (instrument as Histogram).record(value, recorded, ctx);
      else (instrument as Counter).add(value, recorded, ctx);
    } finally {
      setStampedRecord(undefined);
    }
    offerExemplar(definition, value, recorded, ctx);
    if (definition.name === METRIC_SIGHTLINE_LLM_COST) accountSpend(value, recorded, ctx);
  } catch (error) {
    log.warnOnce(`record:${definition.name}`, `could not record ${definition.name}`, error);
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
