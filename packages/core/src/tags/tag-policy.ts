import { TAG_SESSION_ID, TAG_USER_ID } from '../semconv.js';
import { resolveProcessPolicy, WrapperPolicies, type IncomingTagsFilter, type IncomingTagsPolicy } from './incoming-tags.js';
import { TagHasher } from './tag-hash.js';

/** How `init` treats particular tag keys; every field has a default. */
export interface TagPolicyOptions {
  /**
   * Keys stamped on spans and logs but never on metrics, because their values are unbounded
   * (one per session or user) and would explode metric series. Default: `session.id` and
   * `user.id`, where the schema has them. Exemplars still link each metric to spans that carry them.
   */
  spanOnlyTags?: readonly string[];
  /**
   * Keys whose values are hashed before they are stored, stamped or propagated. Default:
   * `user.id`, where the schema has it; `[]` keeps raw values (opt out).
   */
  hashedTags?: readonly string[];
  /**
   * Makes the hash an HMAC-SHA-256 with this key, so ids cannot be recovered by hashing guesses.
   * Use the same key in every service that shares traces. Default: `SIGHTLINE_TAG_HASH_KEY`,
   * else a plain SHA-256.
   */
  tagHashKey?: string;
  /**
   * Keys accepted from peers (W3C baggage, MCP `_meta`): `'all'`, `'none'` or a list. Default:
   * every schema key, with one warning the first time a peer's tags are taken over a network.
   */
  incomingTags?: IncomingTagsPolicy;
}

/** The resolved policy: which keys are span-only and which are hashed, and with what. */
export interface TagPolicy {
  readonly spanOnly: ReadonlySet<string>;
  readonly hashed: ReadonlySet<string>;
  readonly hasher: TagHasher;
  /** What the propagator accepts from peers; wrappers' own policies resolve through `wrapperPolicies`. */
  readonly incoming: IncomingTagsFilter;
  readonly wrapperPolicies: WrapperPolicies;
}

const DEFAULT_SPAN_ONLY = [TAG_SESSION_ID, TAG_USER_ID];
const DEFAULT_HASHED = [TAG_USER_ID];

/** Checks the named keys against the schema's (a typo throws at start-up, not silently later). */
export function resolveTagPolicy(keys: readonly string[], options: TagPolicyOptions = {}): TagPolicy {
  const key = options.tagHashKey ?? process.env.SIGHTLINE_TAG_HASH_KEY;
  return {
    spanOnly: keySet(keys, 'spanOnlyTags', options.spanOnlyTags, DEFAULT_SPAN_ONLY),
    hashed: keySet(keys, 'hashedTags', options.hashedTags, DEFAULT_HASHED),
    hasher: new TagHasher(key === '' ? undefined : key),
    incoming: resolveProcessPolicy(keys, options.incomingTags),
    wrapperPolicies: new WrapperPolicies(keys),
  };
}

function keySet(
  keys: readonly string[],
  option: string,
  named: readonly string[] | undefined,
  defaults: readonly string[],
): ReadonlySet<string> {
  if (named === undefined) return new Set(defaults.filter((name) => keys.includes(name)));
  for (const name of named) {
    if (!keys.includes(name)) {
      throw new TypeError(`sightline: ${option} names "${name}", which is not a key of the tag schema (${keys.join(', ')})`);
    }
  }
  return new Set(named);
}
