import { context as contextApi, defaultTextMapGetter, defaultTextMapSetter, type Context } from '@opentelemetry/api';
import { CompositePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { TagsBaggagePropagator } from './tags/tags-propagator.js';

/** A carrier such as MCP `params._meta` or a header object. */
export type Carrier = Record<string, unknown>;

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
 * validated against this process's schema; malformed, oversized and unknown
 * entries are dropped and counted. Never throws.
 */
export function extractTraceContext(carrier: unknown, ctx: Context = contextApi.active()): Context {
  if (carrier === null || typeof carrier !== 'object') return ctx;
  return sightlinePropagator.extract(ctx, carrier, stringGetter);
}

/** Reads only string values: anything else in an untrusted carrier is ignored. */
const stringGetter = {
  keys: (carrier: unknown) => defaultTextMapGetter.keys(carrier as Record<string, string>),
  get: (carrier: unknown, key: string) => {
    const value = (carrier as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : undefined;
  },
};
