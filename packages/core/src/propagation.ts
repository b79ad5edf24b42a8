import { context as contextApi, defaultTextMapGetter, defaultTextMapSetter, type Context } from '@opentelemetry/api';
import { CompositePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import type { IncomingTagsPolicy } from './tags/incoming-tags.js';
import { extractIncomingTags, TagsBaggagePropagator } from './tags/tags-propagator.js';

/** A carrier such as MCP `params._meta` or a header object. */
export type Carrier = Record<string, unknown>;

/** How `extractTraceContext` treats the tags in a carrier. */
export interface ExtractOptions {
  /** Keys accepted from this peer: `'all'`, `'none'` or a list. Default: `init`'s `incomingTags`. */
  incomingTags?: IncomingTagsPolicy;
  /**
   * How the carrier arrived. `'local'` (in-process, a pipe to a child process) never warns about the
   * implicit policy; `'network'` (the default, since a carrier's origin is usually a request) does, once.
   */
  transport?: 'network' | 'local';
}

const traceContextPropagator = new W3CTraceContextPropagator();

/** traceparent + tracestate + the tags as baggage, independent of the global propagator. */
const sightlinePropagator = new CompositePropagator({
  propagators: [new W3CTraceContextPropagator(), new TagsBaggagePropagator()],
});

/**
 * Writes `traceparent`, `tracestate` and `baggage` (the current tags) into
 * `carrier`. Keys the carrier already holds are kept as they are.
 */
export function injectTraceContext(carrier: Carrier, ctx: Context = contextApi.active()): Carrier {
  const fresh: Record<string, string> = {};
  sightlinePropagator.inject(ctx, fresh, defaultTextMapSetter);
  for (const [key, value] of Object.entries(fresh)) if (!(key in carrier)) carrier[key] = value;
  return carrier;
}

/**
 * Reads a remote parent and the caller's tags from `carrier`. Tags are
 * filtered by the incoming-tags policy and validated against this process's
 * schema; refused, malformed, oversized and unknown entries are dropped and
 * counted. Never throws.
 */
export function extractTraceContext(carrier: unknown, ctx: Context = contextApi.active(), options: ExtractOptions = {}): Context {
  const request = { policy: options.incomingTags, network: options.transport !== 'local' };
  // With no carrier at all, a wrapper's own policy still applies to the peer tags already in `ctx`.
  if (carrier === null || typeof carrier !== 'object')
    return request.policy === undefined ? ctx : extractIncomingTags(ctx, undefined, request);
  const withParent = traceContextPropagator.extract(ctx, carrier, stringGetter);
  return extractIncomingTags(withParent, stringGetter.get(carrier, BAGGAGE_HEADER), request);
}

const BAGGAGE_HEADER = 'baggage';

/** Reads only string values: anything else in an untrusted carrier is ignored. */
const stringGetter = {
  keys: (carrier: unknown) => defaultTextMapGetter.keys(carrier as Record<string, string>),
  get: (carrier: unknown, key: string) => {
    const value = (carrier as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : undefined;
  },
};
