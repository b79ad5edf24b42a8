import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { createLogger } from '../internal/logger.js';
import { globalSlot } from '../runtime/global-slot.js';
import {
  REASON_MALFORMED,
  REASON_OVERSIZED,
  REASON_TOO_MANY_ENTRIES,
  SOURCE_BAGGAGE,
} from '../semconv.js';
import { appendBaggage, parseBaggage, type BaggageProblem } from './baggage-codec.js';
import { readTags, writeTags, type TagRecord } from './tag-context.js';

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
      const entries = Object.entries(tags).map(([key, value]) => ({ key, value: String(value) }));
      if (entries.length === 0) return;
      const existing = (carrier as Record<string, unknown> | undefined)?.[BAGGAGE_HEADER];
      const header = appendBaggage(typeof existing === 'string' ? existing : undefined, entries);
      if (header !== '') setter.set(carrier, BAGGAGE_HEADER, header);
    } catch (error) {
      log.warnOnce('inject', 'could not inject tags into baggage', error);
    }
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    const runtime = globalSlot().tagRuntime;
    if (runtime === undefined) return context;
    try {
      const parsed = parseBaggage(getter.get(carrier, BAGGAGE_HEADER));
      for (const problem of parsed.problems) {
        runtime.reject(PROBLEM_REASONS[problem], SOURCE_BAGGAGE, undefined, `baggage entry dropped: ${problem}`);
      }
      if (parsed.entries.length === 0) return context;
      const candidate: Record<string, string> = {};
      for (const { key, value } of parsed.entries) candidate[key] = value;
      const accepted = runtime.validate(candidate, SOURCE_BAGGAGE);
      if (Object.keys(accepted).length === 0) return context;
      const merged: TagRecord = Object.freeze({ ...readTags(context), ...accepted });
      return writeTags(context, merged);
    } catch (error) {
      log.warnOnce('extract', 'could not extract tags from baggage; continuing without them', error);
      return context;
    }
  }

  fields(): string[] {
    return [BAGGAGE_HEADER];
  }
}
