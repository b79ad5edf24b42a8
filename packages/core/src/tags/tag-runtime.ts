import type { Attributes } from '@opentelemetry/api';
import { createLogger } from '../internal/logger.js';
import {
  countInternal,
  countInternalSeries,
  DeferredSeriesCount,
  serializeAttributes,
  type InternalSeries,
} from '../metrics/internal-counters.js';
import {
  ATTR_SIGHTLINE_REASON,
  ATTR_SIGHTLINE_SOURCE,
  ATTR_SIGHTLINE_TAG_KEY,
  METRIC_SIGHTLINE_TAGS_DEFAULTED,
  METRIC_SIGHTLINE_TAGS_REJECTED,
  METRIC_SIGHTLINE_TAGS_UNTAGGED,
  REASON_INVALID_VALUE,
  REASON_UNKNOWN_KEY,
  SOURCE_BAGGAGE,
  UNTAGGED_VALUE,
} from '../semconv.js';
import { BoundedCache } from './bounded-cache.js';
import type { TagRecord, TagValue } from './tag-context.js';
import { isHashedTagValue } from './tag-hash.js';
import type { TagSchema } from './schema.js';
import { acceptsAbsence, parseScalar, parseText, withoutControlCharacters, type FieldSchema } from './tag-parse.js';
import type { IncomingTagsFilter, IncomingTagsPolicy } from './incoming-tags.js';
import { resolveTagPolicy, type TagPolicy, type TagPolicyOptions } from './tag-policy.js';

const log = createLogger('tags');

/** The tag attributes one kind of item gets for one set of tags. */
export interface TagStamp {
  /** Each stamped key: the tag, else its default, else "untagged"; an optional key only when set. */
  readonly attributes: Readonly<Record<string, TagValue>>;
  readonly keys: readonly string[];
  /** Keys stamped "untagged"; each counts once per stamped item in `sightline.tags.untagged`. */
  readonly untagged: readonly string[];
  /** Keys filled from `defaultTags`; each counts once per stamped item in `sightline.tags.defaulted`. */
  readonly defaulted: readonly string[];
  /** The counts of `untagged` and `defaulted`, settled when the counters are read. */
  readonly untaggedCount: DeferredSeriesCount;
  readonly defaultedCount: DeferredSeriesCount;
}

/** What spans, logs and metric records get stamped with for one set of tags. */
export interface TagFrame {
  /** Spans and logs: every key. */
  readonly spans: TagStamp;
  /** Metric records: without the span-only keys, whose values are unbounded. */
  readonly metrics: TagStamp;
  /** Identifies `metrics.attributes` among frames, so metric series can be found by frame without hashing tags per record. */
  readonly seriesKey: string;
  /** Whether the tags set any key; the untagged-spike alert watches the share of spans without. */
  readonly tagged: boolean;
}

/**
 * Distinct tag sets whose frames are kept by content. Tags extracted per
 * request (MCP `_meta`, nested `withTags`) are fresh objects every time, so
 * an identity-keyed cache alone would rebuild the same frame per request.
 */
const FRAMES_BY_CONTENT = 512;
/** Longer headers are validated afresh each time: caching them would let a caller fill memory. */
const MAX_CACHED_BAGGAGE_LENGTH = 2048;
/** Distinct keys warned about one by one; code that invents keys (a bug) must not grow memory or logs without end. */
const MAX_WARNED_CAUSE_KEYS = 20;

type Source = typeof SOURCE_BAGGAGE | 'with_tags';

const UNTAGGED_DESCRIPTION = 'Telemetry items stamped "untagged" because neither the context nor a default set a required tag key';
const DEFAULTED_DESCRIPTION = 'Telemetry items whose tag key was filled from defaultTags because the context had none';
const REJECTED_DESCRIPTION = 'Tag values dropped because they failed validation';

/** The schema, the defaults, the key policy, and the per-tag-set derived attributes of one configuration. */
export class TagRuntime {
  readonly keys: readonly string[];
  readonly emptyFrame: TagFrame;
  private readonly fields: Readonly<Record<string, FieldSchema>>;
  private readonly optional: ReadonlySet<string>;
  private readonly policy: TagPolicy;
  /** The keys metric records get: all but the span-only ones. */
  private readonly metricKeys: readonly string[];
  private readonly defaults: TagRecord;
  private readonly frames = new WeakMap<object, TagFrame>();
  private lastTags: TagRecord | undefined;
  private lastFrame: TagFrame | undefined;
  private readonly framesByContent = new BoundedCache<string, TagFrame>(FRAMES_BY_CONTENT);
  private readonly keySeries: Readonly<Record<string, InternalSeries>>;
  private readonly warnedCauseKeys = new Set<string>();

  /** Whether `key` has a `defaultTags` value (else what a stamp holds for it outside any tags is the untagged fill). */
  hasDefault(key: string): boolean {
    return this.defaults[key] !== undefined;
  }

  constructor(schema: TagSchema, defaults: Record<string, unknown> = {}, policy: TagPolicyOptions = {}) {
    this.fields = schema.shape as unknown as Record<string, FieldSchema>;
    this.keys = Object.freeze(Object.keys(this.fields));
    this.optional = new Set(this.keys.filter((key) => acceptsAbsence(this.fields[key] as FieldSchema)));
    this.policy = resolveTagPolicy(this.keys, policy);
    this.metricKeys = this.keys.filter((key) => !this.policy.spanOnly.has(key));
    this.defaults = this.validateDefaults(defaults);
    // Series keys as countInternal derives them, so readInternalCounter finds these series too.
    this.keySeries = Object.fromEntries(
      this.keys.map((key) => {
        const attributes = { [ATTR_SIGHTLINE_TAG_KEY]: key };
        return [key, { attributes, key: serializeAttributes(attributes) }];
      }),
    );
    this.emptyFrame = this.buildFrame({});
  }

  /** Keeps the entries that pass the schema; drops, counts and warns about the rest. Never throws. */
  validate(input: Readonly<Record<string, unknown>>, source: Source): Record<string, TagValue> {
    const accepted: Record<string, TagValue> = {};
    for (const key of Object.keys(input)) {
      const value = input[key];
      if (value === undefined) continue;
      const field = Object.hasOwn(this.fields, key) ? this.fields[key] : undefined;
      if (!field) {
        this.reject(REASON_UNKNOWN_KEY, source, undefined, `unknown tag key "${key}" dropped`, key);
        continue;
      }
      const parsed = this.parse(key, field, value, source);
      if (parsed === undefined) {
        this.reject(REASON_INVALID_VALUE, source, key, `tag "${key}" has a value its schema rejects; dropped`, key);
        continue;
      }
      accepted[key] = parsed;
    }
    return accepted;
  }

  /** The stamping attributes for `tags`: one frame per tag object, and per distinct content. */
  frameFor(tags: TagRecord | undefined): TagFrame {
    if (tags === undefined) return this.emptyFrame;
    // A request's spans and records mostly share one tag object: one comparison instead of a WeakMap lookup.
    if (tags === this.lastTags) return this.lastFrame as TagFrame;
    const frame = this.frames.get(tags) ?? this.newFrameFor(tags);
    this.lastTags = tags;
    this.lastFrame = frame;
    return frame;
  }

  private newFrameFor(tags: TagRecord): TagFrame {
    const contentKey = this.contentKeyOf(tags);
    let frame = contentKey === undefined ? undefined : this.framesByContent.get(contentKey);
    if (!frame) {
      frame = this.buildFrame(tags);
      if (contentKey !== undefined) this.framesByContent.set(contentKey, frame);
    }
    this.frames.set(tags, frame);
    return frame;
  }

  /** Counts the enrichments of `items` items stamped with all of `stamp`. */
  countEnrichments(stamp: TagStamp, items = 1): void {
    stamp.untaggedCount.add(items);
    stamp.defaultedCount.add(items);
  }

  /** Counts the enrichments of one item that got only `keys` of `stamp` (it set the others itself). */
  countEnrichmentsOf(stamp: TagStamp, keys: readonly string[]): void {
    const stamped = new Set(keys);
    countInternalSeries(
      METRIC_SIGHTLINE_TAGS_UNTAGGED,
      UNTAGGED_DESCRIPTION,
      this.seriesOf(stamp.untagged.filter((key) => stamped.has(key))),
    );
    countInternalSeries(
      METRIC_SIGHTLINE_TAGS_DEFAULTED,
      DEFAULTED_DESCRIPTION,
      this.seriesOf(stamp.defaulted.filter((key) => stamped.has(key))),
    );
  }

  /** The incoming-tags policy for one extraction: a wrapper's own, else `init`'s. */
  incomingFilter(policy?: IncomingTagsPolicy): IncomingTagsFilter {
    return policy === undefined ? this.policy.incoming : this.policy.wrapperPolicies.resolve(policy);
  }

  /** Tags validated earlier from this exact baggage header under `filter`, when nothing in it was rejected. */
  cachedBaggageTags(filter: IncomingTagsFilter, header: string): TagRecord | undefined {
    return filter.cleanHeaders.get(header);
  }

  /** Remembers `tags` (frozen) as the validation result of `header` under `filter`; call only when nothing was rejected. */
  cacheBaggageTags(filter: IncomingTagsFilter, header: string, tags: TagRecord): void {
    if (header.length <= MAX_CACHED_BAGGAGE_LENGTH) filter.cleanHeaders.set(header, tags);
  }

  /** Counts a rejection. `key` is only used as a label when it is a schema key (bounded cardinality). */
  reject(reason: string, source: Source, key: string | undefined, message: string, causeKey = reason): void {
    const attributes: Attributes = { [ATTR_SIGHTLINE_REASON]: reason, [ATTR_SIGHTLINE_SOURCE]: source };
    if (key !== undefined) attributes[ATTR_SIGHTLINE_TAG_KEY] = key;
    countInternal(METRIC_SIGHTLINE_TAGS_REJECTED, REJECTED_DESCRIPTION, attributes);
    // Untrusted input (baggage) may carry any key: warn per reason there, per key for code, up to a bound.
    if (source === SOURCE_BAGGAGE) return log.warnOnce(`${source}:${reason}`, message);
    if (this.warnedCauseKeys.size < MAX_WARNED_CAUSE_KEYS || this.warnedCauseKeys.has(causeKey)) {
      this.warnedCauseKeys.add(causeKey);
      return log.warnOnce(`${source}:${reason}:${causeKey}`, message);
    }
    log.warnOnce(
      `${source}:${reason}:more`,
      `more than ${MAX_WARNED_CAUSE_KEYS} distinct tag keys were dropped; the rest are counted in ${METRIC_SIGHTLINE_TAGS_REJECTED} only`,
    );
  }

  private buildFrame(tags: TagRecord): TagFrame {
    const spans = this.buildStamp(tags, this.keys);
    const metrics = this.metricKeys.length === this.keys.length ? spans : this.buildStamp(tags, this.metricKeys);
    const tagged = this.keys.some((key) => tags[key] !== undefined);
    return Object.freeze({ spans, metrics, seriesKey: JSON.stringify(metrics.attributes), tagged });
  }

  private buildStamp(tags: TagRecord, keys: readonly string[]): TagStamp {
    const attributes: Record<string, TagValue> = {};
    const untagged: string[] = [];
    const defaulted: string[] = [];
    for (const key of keys) {
      const value = tags[key] ?? this.defaults[key];
      if (value === undefined && this.optional.has(key)) continue;
      if (value === undefined) untagged.push(key);
      else if (tags[key] === undefined) defaulted.push(key);
      attributes[key] = value ?? UNTAGGED_VALUE;
    }
    return Object.freeze({
      attributes: Object.freeze(attributes),
      keys: Object.freeze(Object.keys(attributes)),
      untagged: Object.freeze(untagged),
      defaulted: Object.freeze(defaulted),
      untaggedCount: new DeferredSeriesCount(METRIC_SIGHTLINE_TAGS_UNTAGGED, UNTAGGED_DESCRIPTION, this.seriesOf(untagged)),
      defaultedCount: new DeferredSeriesCount(METRIC_SIGHTLINE_TAGS_DEFAULTED, DEFAULTED_DESCRIPTION, this.seriesOf(defaulted)),
    });
  }

  /** The schema's reading of one value; a hashed key stores the hash, and keeps one that arrived hashed. */
  private parse(key: string, field: FieldSchema, raw: unknown, source: Source | 'defaults'): TagValue | undefined {
    const value = withoutControlCharacters(raw);
    if (value !== raw) log.warnOnce(`${source}:control-characters`, `tag "${key}" held control characters; they were removed`);
    const hashed = this.policy.hashed.has(key);
    if (hashed && isHashedTagValue(value)) return value;
    const parsed = source === SOURCE_BAGGAGE ? parseText(field, value) : parseScalar(field, value);
    return hashed && parsed !== undefined ? this.policy.hasher.hash(String(parsed)) : parsed;
  }

  private seriesOf(keys: readonly string[]): InternalSeries[] {
    const series: InternalSeries[] = [];
    for (const key of keys) {
      const one = this.keySeries[key];
      if (one) series.push(one);
    }
    return series;
  }

  /**
   * Identifies the schema keys' typed values (only they shape a frame), or
   * undefined for a value that is not a tag scalar. Length-prefixed, so no
   * value can imitate a separator.
   */
  private contentKeyOf(tags: TagRecord): string | undefined {
    let key = '';
    for (const name of this.keys) {
      const value: unknown = tags[name];
      if (value === undefined) key += '-';
      else if (typeof value === 'string') key += `s${value.length}:${value}`;
      else if (typeof value === 'number' || typeof value === 'boolean') key += `${typeof value === 'number' ? 'n' : 'b'}${String(value)};`;
      else return undefined;
    }
    return key;
  }

  private validateDefaults(defaults: Record<string, unknown>): TagRecord {
    const accepted: Record<string, TagValue> = {};
    for (const [key, value] of Object.entries(defaults)) {
      const field = Object.hasOwn(this.fields, key) ? this.fields[key] : undefined;
      const parsed = field ? this.parse(key, field, value, 'defaults') : undefined;
      if (parsed === undefined) {
        throw new TypeError(`sightline: defaultTags.${key} is not a valid value of the tag schema`);
      }
      accepted[key] = parsed;
    }
    return Object.freeze(accepted);
  }
}
