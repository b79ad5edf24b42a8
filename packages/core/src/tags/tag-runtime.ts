import type { Attributes } from '@opentelemetry/api';
import { createLogger } from '../internal/logger.js';
import { countInternal, countInternalSeries, serializeAttributes, type InternalSeries } from '../metrics/internal-counters.js';
import {
  ATTR_SIGHTLINE_REASON,
  ATTR_SIGHTLINE_SOURCE,
  ATTR_SIGHTLINE_TAG_KEY,
  METRIC_SIGHTLINE_TAGS_REJECTED,
  METRIC_SIGHTLINE_TAGS_UNTAGGED,
  REASON_INVALID_VALUE,
  REASON_UNKNOWN_KEY,
  SOURCE_BAGGAGE,
  UNTAGGED_VALUE,
} from '../semconv.js';
import type { TagSchema } from '../types.js';
import { BoundedCache } from './bounded-cache.js';
import type { TagRecord, TagValue } from './tag-context.js';

const log = createLogger('tags');

/** What a span or metric record gets stamped with for one set of tags. */
export interface TagFrame {
  /** Every schema key: the tag, else its default, else "untagged". */
  readonly attributes: Readonly<Record<string, TagValue>>;
  /** Keys that were enriched (default or "untagged"); each counts once per stamped item. */
  readonly missing: readonly string[];
  /** The `sightline.tags.untagged` series of `missing`, precomputed for the hot path. */
  readonly missingSeries: readonly InternalSeries[];
  /** Identifies `attributes` among frames, so metric series can be found by frame without hashing tags per record. */
  readonly seriesKey: string;
}

/**
 * Distinct tag sets whose frames are kept by content. Tags extracted per
 * request (MCP `_meta`, nested `withTags`) are fresh objects every time, so
 * an identity-keyed cache alone would rebuild the same frame per request.
 */
const FRAMES_BY_CONTENT = 512;
/** Validated tags per incoming baggage header; only headers with nothing rejected are kept. */
const BAGGAGE_CACHE_ENTRIES = 256;
const MAX_CACHED_BAGGAGE_LENGTH = 2048;

type Source = typeof SOURCE_BAGGAGE | 'with_tags';
type FieldSchema = { safeParse(value: unknown): { success: boolean; data?: unknown } };

const UNTAGGED_DESCRIPTION = 'Telemetry items enriched because a tag key was missing';
const REJECTED_DESCRIPTION = 'Tag values dropped because they failed validation';

/** The schema, the defaults, and the per-tag-set derived attributes of one configuration. */
export class TagRuntime {
  readonly keys: readonly string[];
  readonly emptyFrame: TagFrame;
  private readonly fields: Readonly<Record<string, FieldSchema>>;
  private readonly defaults: TagRecord;
  private readonly frames = new WeakMap<object, TagFrame>();
  private readonly framesByContent = new BoundedCache<string, TagFrame>(FRAMES_BY_CONTENT);
  private readonly baggageTags = new BoundedCache<string, TagRecord>(BAGGAGE_CACHE_ENTRIES);
  private readonly untaggedSeries: Readonly<Record<string, InternalSeries>>;

  constructor(schema: TagSchema, defaults: Record<string, unknown> = {}) {
    this.fields = schema.shape as unknown as Record<string, FieldSchema>;
    this.keys = Object.freeze(Object.keys(this.fields));
    this.defaults = this.validateDefaults(defaults);
    // Series keys as countInternal derives them, so readInternalCounter finds these series too.
    this.untaggedSeries = Object.fromEntries(
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
      const parsed = source === SOURCE_BAGGAGE ? parseText(field, value) : parseScalar(field, value);
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
    let frame = this.frames.get(tags);
    if (frame) return frame;
    const contentKey = this.contentKeyOf(tags);
    frame = contentKey === undefined ? undefined : this.framesByContent.get(contentKey);
    if (!frame) {
      frame = this.buildFrame(tags);
      if (contentKey !== undefined) this.framesByContent.set(contentKey, frame);
    }
    this.frames.set(tags, frame);
    return frame;
  }

  /** Counts `items` enrichments of every key `frame` lacks. */
  countUntaggedFrame(frame: TagFrame, items = 1): void {
    countInternalSeries(METRIC_SIGHTLINE_TAGS_UNTAGGED, UNTAGGED_DESCRIPTION, frame.missingSeries, items);
  }

  countUntagged(missing: readonly string[]): void {
    countInternalSeries(METRIC_SIGHTLINE_TAGS_UNTAGGED, UNTAGGED_DESCRIPTION, this.seriesOf(missing));
  }

  /** Tags validated earlier from this exact baggage header, when nothing in it was rejected. */
  cachedBaggageTags(header: string): TagRecord | undefined {
    return this.baggageTags.get(header);
  }

  /** Remembers `tags` (frozen) as the validation result of `header`; call only when nothing was rejected. */
  cacheBaggageTags(header: string, tags: TagRecord): void {
    if (header.length <= MAX_CACHED_BAGGAGE_LENGTH) this.baggageTags.set(header, tags);
  }

  /** Counts a rejection. `key` is only used as a label when it is a schema key (bounded cardinality). */
  reject(reason: string, source: Source, key: string | undefined, message: string, causeKey = reason): void {
    const attributes: Attributes = { [ATTR_SIGHTLINE_REASON]: reason, [ATTR_SIGHTLINE_SOURCE]: source };
    if (key !== undefined) attributes[ATTR_SIGHTLINE_TAG_KEY] = key;
    countInternal(METRIC_SIGHTLINE_TAGS_REJECTED, REJECTED_DESCRIPTION, attributes);
    // Untrusted input (baggage) may carry any key: warn per reason there, per key for code.
    log.warnOnce(`${source}:${reason}:${source === SOURCE_BAGGAGE ? '' : causeKey}`, message);
  }

  private buildFrame(tags: TagRecord): TagFrame {
    const attributes: Record<string, TagValue> = {};
    const missing: string[] = [];
    for (const key of this.keys) {
      const value = tags[key] ?? this.defaults[key];
      if (tags[key] === undefined) missing.push(key);
      attributes[key] = value ?? UNTAGGED_VALUE;
    }
    return Object.freeze({
      attributes: Object.freeze(attributes),
      missing: Object.freeze(missing),
      missingSeries: this.seriesOf(missing),
      seriesKey: JSON.stringify(attributes),
    });
  }

  private seriesOf(keys: readonly string[]): InternalSeries[] {
    const series: InternalSeries[] = [];
    for (const key of keys) {
      const one = this.untaggedSeries[key];
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
      const field = this.fields[key];
      const parsed = field ? parseScalar(field, value) : undefined;
      if (parsed === undefined) {
        throw new TypeError(`sightline: defaultTags.${key} is not a valid value of the tag schema`);
      }
      accepted[key] = parsed;
    }
    return Object.freeze(accepted);
  }
}

function parseScalar(field: FieldSchema, value: unknown): TagValue | undefined {
  let result: { success: boolean; data?: unknown };
  try {
    result = field.safeParse(value);
  } catch {
    return undefined;
  }
  if (!result.success) return undefined;
  const data = result.data;
  if (typeof data === 'string' || typeof data === 'boolean') return data;
  if (typeof data === 'number' && Number.isFinite(data)) return data;
  return undefined;
}

/** Baggage carries text: a schema of numbers or booleans gets the text's typed reading. */
function parseText(field: FieldSchema, value: unknown): TagValue | undefined {
  const asIs = parseScalar(field, value);
  if (asIs !== undefined || typeof value !== 'string') return asIs;
  if (value === 'true' || value === 'false') return parseScalar(field, value === 'true');
  const number = Number(value);
  return value.trim() !== '' && Number.isFinite(number) ? parseScalar(field, number) : undefined;
}
