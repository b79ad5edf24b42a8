import { createLogger } from '../internal/logger.js';
import { BoundedCache } from './bounded-cache.js';
import type { TagRecord } from './tag-context.js';

const log = createLogger('tags');

/**
 * Which tag keys a process takes from its peers (W3C baggage read by the
 * propagator, MCP `_meta`): every schema key, none, or the keys listed.
 * Tags from a peer are unauthenticated: whoever can reach the process can set them.
 */
export type IncomingTagsPolicy = 'all' | 'none' | readonly string[];

/** Validated tags per incoming header; only headers with nothing rejected are kept. */
const CLEAN_HEADERS_PER_POLICY = 256;

/** One resolved policy, with the cache of headers that were clean under it. */
export interface IncomingTagsFilter {
  /** False for the default: the app chose nothing, so accepting over a network warns once. */
  readonly explicit: boolean;
  accepts(key: string): boolean;
  /** Per policy, because a header clean under `'all'` is not clean under `'none'`. */
  readonly cleanHeaders: BoundedCache<string, TagRecord>;
  /** Set once the implicit default has warned (a flag here keeps the per-request check to one read). */
  implicitWarned: boolean;
}

function filterOf(accepted: ReadonlySet<string> | 'all', explicit: boolean): IncomingTagsFilter {
  return {
    explicit,
    accepts: accepted === 'all' ? () => true : (key) => accepted.has(key),
    cleanHeaders: new BoundedCache(CLEAN_HEADERS_PER_POLICY),
    implicitWarned: false,
  };
}

/** `init`'s policy: a malformed value or a key outside the schema is a configuration error, so it throws. */
export function resolveProcessPolicy(keys: readonly string[], policy: IncomingTagsPolicy | undefined): IncomingTagsFilter {
  // The default accepts every schema key, as W3C baggage and earlier releases do; being implicit, it warns on a network.
  if (policy === undefined) return filterOf('all', false);
  if (policy === 'all') return filterOf('all', true);
  if (policy === 'none') return filterOf(new Set(), true);
  if (!Array.isArray(policy) || policy.some((key) => typeof key !== 'string')) {
    throw new TypeError(`sightline: incomingTags must be 'all', 'none' or an array of tag keys`);
  }
  for (const key of policy) {
    if (!keys.includes(key)) {
      throw new TypeError(`sightline: incomingTags names "${key}", which is not a key of the tag schema (${keys.join(', ')})`);
    }
  }
  return filterOf(new Set(policy), true);
}

/**
 * Resolves the policies that integrations pass per wrapper (an MCP server's
 * option), once per value. They may be set before `init` knows the schema, so
 * they never throw: a malformed one accepts nothing (fails closed) and warns.
 */
export class WrapperPolicies {
  private readonly named = new Map<string, IncomingTagsFilter>();
  private readonly lists = new WeakMap<readonly string[], IncomingTagsFilter>();

  constructor(private readonly keys: readonly string[]) {}

  resolve(policy: IncomingTagsPolicy): IncomingTagsFilter {
    if (Array.isArray(policy)) {
      let filter = this.lists.get(policy);
      if (filter === undefined) this.lists.set(policy, (filter = this.fromList(policy)));
      return filter;
    }
    const name = policy === 'all' ? 'all' : 'none';
    if (policy !== 'all' && policy !== 'none') {
      log.warnOnce(
        'incoming-tags:malformed',
        `incomingTags must be 'all', 'none' or an array of tag keys; no tags are accepted from peers`,
      );
    }
    let filter = this.named.get(name);
    if (filter === undefined) this.named.set(name, (filter = filterOf(name === 'all' ? 'all' : new Set(), true)));
    return filter;
  }

  private fromList(policy: readonly unknown[]): IncomingTagsFilter {
    const accepted = new Set<string>();
    for (const key of policy) {
      if (typeof key === 'string' && this.keys.includes(key)) accepted.add(key);
      else
        log.warnOnce(
          `incoming-tags:unknown-key:${String(key).slice(0, 64)}`,
          `incomingTags names "${String(key).slice(0, 64)}", which is not a key of the tag schema; ignored`,
        );
    }
    return filterOf(accepted, true);
  }
}
