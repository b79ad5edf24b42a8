import { z } from 'zod';
import { RESERVED_TAG_PREFIXES, TAG_SESSION_ID, TAG_USER_ID } from '../semconv.js';

/** A zod object whose keys are the tag keys. Values should be scalars (string, number, boolean, enum). */
export type TagSchema = z.ZodObject<z.ZodRawShape>;

const tagValue = z.string().trim().min(1).max(128);

/**
 * The tag keys most teams need for cost and quality attribution. Extend it or
 * bring your own. `session.id` and `user.id` are optional: stamped on spans and
 * logs only when set, never on metrics, and `user.id` is hashed by default.
 */
export const defaultTagSchema = z.object({
  project: tagValue,
  team: tagValue,
  cost_center: tagValue,
  feature: tagValue,
  environment: tagValue,
  [TAG_SESSION_ID]: tagValue.optional(),
  [TAG_USER_ID]: tagValue.optional(),
});

const TAG_KEY_SYNTAX = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;

/** Rejects schemas whose keys could not be attributes, labels and baggage keys at once. */
export function assertValidTagSchema(schema: TagSchema): void {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  if (shape === null || typeof shape !== 'object') {
    throw new TypeError('sightline: `tags` must be a zod object schema, e.g. z.object({ team: z.string() })');
  }
  for (const key of Object.keys(shape)) {
    const reserved = RESERVED_TAG_PREFIXES.find((prefix) => key.startsWith(prefix));
    if (reserved) {
      throw new TypeError(
        `sightline: tag key "${key}" uses the reserved namespace "${reserved}", which belongs to ` +
          `OpenTelemetry or Sightline attributes. Rename it (for example "${key.slice(reserved.length).replace(/\./g, '_')}").`,
      );
    }
    if (!TAG_KEY_SYNTAX.test(key)) {
      throw new TypeError(
        `sightline: tag key "${key}" is not a valid key: use a letter followed by letters, digits, "_" or "." (at most 64).`,
      );
    }
  }
}
