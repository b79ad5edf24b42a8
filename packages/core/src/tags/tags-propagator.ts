import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { createLogger } from '../internal/logger.js';
import { globalSlot } from '../runtime/global-slot.js';
import {
  REASON_MALFORMED,
  REASON_OVERSIZED,
  REASON_TOO_MANY_ENTRIES,
  SOURCE_BAGGAGE,
} from '../semconv.js';
import { appendBaggage, parseBaggage, type BaggageEntry, type BaggageProblem } from './baggage-codec.js';
import { readTags, writeTags, type TagRecord } from './tag-context.js';
import type { TagRuntime } from './tag-runtime.js';

const log = createLogger('propagation');
const BAGGAGE_HEADER = 'baggage';

const PROBLEM_REASONS: Record<BaggageProblem, string> = {
  malformed: REASON_MALFORMED,
  oversized: REASON_OVERSIZED,
  too_many_entries: REASON_TOO_MANY_ENTRIES,
};

/**
 * Carries the tags as W3C baggage entries. It composes with the standard
 * baggage propagator: on inject it appends to a `baggage` value already set;
 * on extract it reads only the schema's keys, validates them against the
 * receiver's own schema, and drops and counts everything else.
 */
export class TagsBaggagePropagator implements TextMapPropagator {
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    try {
      const tags = readTags(context);
      if (tags === undefined) return;
      const existing = (carrier as Record<string, unknown> | undefined)?.[BAGGAGE_HEADER];
      const header =
        typeof existing === 'string' ? appendBaggage(existing, entriesOf(tags)) : headerOf(tags);
      if (header !== '') setter.set(carrier, BAGGAGE_HEADER, header);
    } catch (error) {
      log.warnOnce('inject', 'could not inject tags into baggage', error);
    }
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    const runtime = globalSlot().tagRuntime;
    if (runtime === undefined) return context;
    try {
      const header = getter.get(carrier, BAGGAGE_HEADER);
      const accepted = (typeof header === 'string' ? runtime.cachedBaggageTags(header) : undefined) ?? validated(runtime, header);
      if (accepted === undefined) return context;
      const current = readTags(context);
      // With no tags in the context yet (the usual server side), the cached, frozen record is used as is.
      return writeTags(context, current === undefined ? accepted : mergedTags(current, accepted));
    } catch (error) {
      log.warnOnce('extract', 'could not extract tags from baggage; continuing without them', error);
      return context;
    }
  }

  fields(): string[] {
    return [BAGGAGE_HEADER];
  }
}

/**
 * Parses and validates a header, counting every problem. A header whose every
 * entry was accepted is cached: the same caller sends the same header on every
 * request, and then neither parsing nor schema validation runs again.
 */
function validated(runtime: TagRuntime, header: string | string[] | undefined): TagRecord | undefined {
  const parsed = parseBaggage(header);
  for (const problem of parsed.problems) {
    runtime.reject(PROBLEM_REASONS[problem], SOURCE_BAGGAGE, undefined, `baggage entry dropped: ${problem}`);
  }
  if (parsed.entries.length === 0) return undefined;
  const candidate: Record<string, string> = {};
  for (const { key, value } of parsed.entries) candidate[key] = value;
  const accepted = runtime.validate(candidate, SOURCE_BAGGAGE);
  const acceptedCount = Object.keys(accepted).length;
  if (acceptedCount === 0) return undefined;
  const frozen: TagRecord = Object.freeze(accepted);
  const clean = parsed.problems.length === 0 && acceptedCount === Object.keys(candidate).length;
  if (clean && typeof header === 'string') runtime.cacheBaggageTags(header, frozen);
  return frozen;
}

/**
 * `accepted` over `current`, one frozen record per pair: both are frozen and
 * usually long-lived (the caller's cached baggage, a process-level withTags),
 * so the merge and the tag frame it leads to are computed once per pair.
 */
const merges = new WeakMap<TagRecord, WeakMap<TagRecord, TagRecord>>();

function mergedTags(current: TagRecord, accepted: TagRecord): TagRecord {
  let byAccepted = merges.get(current);
  if (byAccepted === undefined) {
    byAccepted = new WeakMap();
    if (Object.isFrozen(current)) merges.set(current, byAccepted);
  }
  let merged = byAccepted.get(accepted);
  if (merged === undefined) {
    merged = Object.freeze(Object.assign({}, current, accepted));
    if (Object.isFrozen(accepted)) byAccepted.set(accepted, merged);
  }
  return merged;
}

/** The header for a tag record on its own; tag records are frozen, so it is computed once per record. */
const headers = new WeakMap<TagRecord, string>();

function headerOf(tags: TagRecord): string {
  let header = headers.get(tags);
  if (header === undefined) {
    header = appendBaggage(undefined, entriesOf(tags));
    if (Object.isFrozen(tags)) headers.set(tags, header);
  }
  return header;
}

function entriesOf(tags: TagRecord): BaggageEntry[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value: String(value) }));
}
