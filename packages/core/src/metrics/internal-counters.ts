import { metrics, type Attributes, type MeterProvider, type ObservableResult } from '@opentelemetry/api';
import { globalSlot } from '../internal/global-slot.js';
import { ATTR_OTEL_METRIC_OVERFLOW } from '../semconv.js';
import { METER_NAME } from './meter-name.js';

/**
 * Sightline's own health counters (untagged enrichments, rejected tags, dropped
 * telemetry, ...). They are counted in plain memory and read by observable
 * counters at collection time, so the hot path pays a map update, and a broken
 * export pipeline can still be counted without recursion.
 */
interface CounterState {
  description: string;
  series: Map<string, { attributes: Attributes; value: number }>;
}

/** The OTel SDK's default cardinality limit, used for every series Sightline aggregates itself. */
export const MAX_SERIES_PER_METRIC = 2000;
const OVERFLOW_KEY = '\u0000overflow';
/** The attributes of the one series that takes a metric's values past the limit. */
export const OVERFLOW_ATTRIBUTES: Attributes = Object.freeze({ [ATTR_OTEL_METRIC_OVERFLOW]: true });

interface CounterRegistry {
  counters: Map<string, CounterState>;
  /** Deferred counts holding amounts not yet added to `counters`. */
  pending: DeferredSeriesCount[];
  /** Per meter provider, the counter names that already have an observable instrument there. */
  observed: WeakMap<MeterProvider, Set<string>>;
}

function registry(): CounterRegistry {
  const slot = globalSlot() as { internalCounters?: CounterRegistry };
  return (slot.internalCounters ??= { counters: new Map(), pending: [], observed: new WeakMap() });
}

/** Adds `amount` to the series of `name` with `attributes`; `seriesKey` must identify the attributes. */
export function countInternal(
  name: string,
  description: string,
  attributes: Attributes,
  amount = 1,
  seriesKey = serializeAttributes(attributes),
): void {
  addTo(counterState(name, description), attributes, seriesKey, amount);
  observeOn(metrics.getMeterProvider(), name);
}

/** One precomputed series of an internal counter: its attributes and the key that identifies them. */
export interface InternalSeries {
  readonly attributes: Attributes;
  readonly key: string;
}

/**
 * Adds `amount` to each of `series` of counter `name`. The hot paths (tag stamping on
 * every span and metric record) count several series at once: one registry
 * lookup and one provider check for all of them.
 */
export function countInternalSeries(name: string, description: string, series: readonly InternalSeries[], amount = 1): void {
  if (series.length === 0) return;
  const state = counterState(name, description);
  for (const one of series) addTo(state, one.attributes, one.key, amount);
  observeOn(metrics.getMeterProvider(), name);
}

/**
 * A count of one fixed set of series kept in one number until the counters are
 * read (collection, `readInternalCounter`). Tag stamping counts enrichments of
 * every span and metric record: this makes each count one addition.
 */
export class DeferredSeriesCount {
  private amount = 0;

  constructor(
    private readonly name: string,
    private readonly description: string,
    private readonly series: readonly InternalSeries[],
  ) {}

  add(amount = 1): void {
    if (this.series.length === 0) return;
    if (this.amount === 0) {
      holdPending(this);
      // The instrument must exist by the next collection, or nothing would ever settle the held amount.
      counterState(this.name, this.description);
      observeOn(metrics.getMeterProvider(), this.name);
    }
    this.amount += amount;
  }

  /** Adds what was held to the counters. */
  settle(): void {
    const amount = this.amount;
    this.amount = 0;
    if (amount !== 0) countInternalSeries(this.name, this.description, this.series, amount);
  }

  /** Forgets what was held. */
  drop(): void {
    this.amount = 0;
  }
}

/** Past this many deferred counts waiting (distinct tag sets between two reads), they are settled at once. */
const MAX_PENDING = 1024;

function holdPending(count: DeferredSeriesCount): void {
  const { pending } = registry();
  if (pending.length >= MAX_PENDING) settlePending();
  pending.push(count);
}

function settlePending(): void {
  const { pending } = registry();
  for (const count of pending.splice(0)) count.settle();
}

function counterState(name: string, description: string): CounterState {
  const { counters } = registry();
  let state = counters.get(name);
  if (!state) {
    state = { description, series: new Map() };
    counters.set(name, state);
  }
  return state;
}

function addTo(state: CounterState, attributes: Attributes, seriesKey: string, amount: number): void {
  let series = state.series.get(seriesKey);
  if (!series) {
    const overflowing = state.series.size >= MAX_SERIES_PER_METRIC;
    const key = overflowing ? OVERFLOW_KEY : seriesKey;
    series = state.series.get(key);
    if (!series) {
      series = { attributes: overflowing ? OVERFLOW_ATTRIBUTES : { ...attributes }, value: 0 };
      state.series.set(key, series);
    }
  }
  series.value += amount;
}

/** Current value of one series, for tests and for reports that run in-process. */
export function readInternalCounter(name: string, attributes: Attributes): number {
  settlePending();
  return registry().counters.get(name)?.series.get(serializeAttributes(attributes))?.value ?? 0;
}

/** Starts a fresh process-wide count, e.g. when an instance shuts down. */
export function resetInternalCounters(): void {
  const { counters, pending } = registry();
  for (const count of pending.splice(0)) count.drop();
  counters.clear();
}

/** Gives `provider` one observable instrument per counter (all known ones, or just `name`). Idempotent. */
export function observeOn(provider: MeterProvider, name?: string): void {
  const { observed, counters } = registry();
  let names = observed.get(provider);
  if (names && name !== undefined && names.has(name)) return;
  if (!names) {
    names = new Set();
    observed.set(provider, names);
  }
  const meter = provider.getMeter(METER_NAME);
  for (const [counterName, state] of counters) {
    if (names.has(counterName)) continue;
    names.add(counterName);
    meter.createObservableCounter(counterName, { description: state.description }).addCallback((result: ObservableResult) => {
      settlePending();
      for (const series of counters.get(counterName)?.series.values() ?? []) {
        result.observe(series.value, series.attributes);
      }
    });
  }
}

export function serializeAttributes(attributes: Attributes): string {
  let key = '';
  for (const name of Object.keys(attributes).sort()) key += `${name}=${String(attributes[name])}\u0001`;
  return key;
}
