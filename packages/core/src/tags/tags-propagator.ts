import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { createLogger } from '../internal/logger.js';
import { REASON_MALFORMED, REASON_NOT_ACCEPTED, REASON_OVERSIZED, REASON_TOO_MANY_ENTRIES, SOURCE_BAGGAGE } from '../semconv.js';
import { appendBaggage, parseBaggage, type BaggageEntry, type BaggageProblem } from './baggage-codec.js';
import type { IncomingTagsFilter, IncomingTagsPolicy } from './incoming-tags.js';
import { notePeerKeys, withoutRefusedPeerTags } from './peer-tags.js';
import { readTags, writeTags, type TagRecord } from './tag-context.js';
import type { TagRuntime } from './tag-runtime.js';
import { tagSlot } from './tag-slot.js';

const log = createLogger('propagation');
const BAGGAGE_HEADER = 'baggage';

/** Where one extraction's tags come from, for the incoming-tags policy and its warning. */
export interface IncomingTagsRequest {
  /** A wrapper's own policy (an MCP server's option); undefined: `init`'s. */
  readonly policy?: IncomingTagsPolicy;
  /**
   * False for in-process and pipe transports, whose peer the app itself started:
   * the warning about the implicit default is for tags that arrive over a network.
   */
  readonly network: boolean;
}

/** The global propagator serves HTTP (and other network) server instrumentations. */
const FROM_PROPAGATOR: IncomingTagsRequest = { network: true };

const IMPLICIT_POLICY_WARNING =
  'accepted tags from a peer over the network with no incomingTags policy: any caller that reaches this process can bill ' +
  "its work to any team. Set init({ incomingTags }) (or the integration's incomingTags option) to the keys you trust, " +
  "'none' at an edge, or 'all' to keep this and silence the warning (see docs/security.md)";

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
      const header = typeof existing === 'string' ? appendBaggage(existing, entriesOf(tags)) : headerOf(tags);
      if (header !== '') setter.set(carrier, BAGGAGE_HEADER, header);
    } catch (error) {
      log.warnOnce('inject', 'could not inject tags into baggage', error);
    }
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    try {
      return extractIncomingTags(context, getter.get(carrier, BAGGAGE_HEADER), FROM_PROPAGATOR);
    } catch (error) {
      log.warnOnce('extract', 'could not read the baggage header; continuing without its tags', error);
      return context;
    }
  }

  fields(): string[] {
    return [BAGGAGE_HEADER];
  }
}

/**
 * The peer's tags from a `baggage` header, as far as the receiver's policy and
 * schema accept them, merged over `context`'s. Never throws.
 */
export function extractIncomingTags(context: Context, header: unknown, request: IncomingTagsRequest): Context {
  const runtime = tagSlot().tagRuntime;
  if (runtime === undefined) return context;
  try {
    const filter = runtime.incomingFilter(request.policy);
    // A wrapper's own policy also applies to peer tags an outer layer (the HTTP request's baggage) accepted under init's.
    if (request.policy !== undefined) context = withoutRefusedPeerTags(context, filter, (key) => refuse(runtime, key));
    const accepted =
      (typeof header === 'string' ? runtime.cachedBaggageTags(filter, header) : undefined) ?? validated(runtime, filter, header);
    if (accepted === undefined) return context;
    if (request.network && !filter.explicit && !filter.implicitWarned) {
      filter.implicitWarned = true;
      log.warnOnce('incoming-tags:implicit', IMPLICIT_POLICY_WARNING);
    }
    const current = readTags(context);
    // With no tags in the context yet (the usual server side), the cached, frozen record is used as is.
    const tags = current === undefined ? accepted : mergedTags(current, accepted);
    notePeerKeys(tags, current, accepted, true);
    return writeTags(context, tags);
  } catch (error) {
    log.warnOnce('extract', 'could not extract tags from baggage; continuing without them', error);
    return context;
  }
}

/**
 * Parses and validates a header, counting every problem. Schema keys the
 * policy does not accept are dropped before validation (`not_accepted`); other
 * keys still reach the schema, which counts them as unknown. A header whose
 * every entry was accepted is cached under its policy: the same caller sends
 * the same header on every request, and then neither parsing nor validation runs again.
 */
function validated(runtime: TagRuntime, filter: IncomingTagsFilter, header: unknown): TagRecord | undefined {
  const parsed = parseBaggage(header as string | string[] | undefined);
  for (const problem of parsed.problems) {
    runtime.reject(PROBLEM_REASONS[problem], SOURCE_BAGGAGE, undefined, `baggage entry dropped: ${problem}`);
  }
  if (parsed.entries.length === 0) return undefined;
  const candidate: Record<string, string> = {};
  let refused = 0;
  for (const { key, value } of parsed.entries) {
    if (!runtime.keys.includes(key) || filter.accepts(key)) candidate[key] = value;
    else {
      refused++;
      refuse(runtime, key);
    }
  }
  const accepted = runtime.validate(candidate, SOURCE_BAGGAGE);
  const acceptedCount = Object.keys(accepted).length;
  if (acceptedCount === 0) return undefined;
  const frozen: TagRecord = Object.freeze(accepted);
  const clean = parsed.problems.length === 0 && refused === 0 && acceptedCount === Object.keys(candidate).length;
  if (clean && typeof header === 'string') runtime.cacheBaggageTags(filter, header, frozen);
  return frozen;
}

function refuse(runtime: TagRuntime, key: string): void {
  runtime.reject(
    REASON_NOT_ACCEPTED,
    SOURCE_BAGGAGE,
    key,
    'a tag from a peer was dropped: the incomingTags policy does not accept its key',
  );
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
