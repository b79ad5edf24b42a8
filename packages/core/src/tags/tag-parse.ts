import type { TagValue } from './tag-context.js';

/** The one method of a zod field that tags use, so any zod copy's schema works. */
export type FieldSchema = { safeParse(value: unknown): { success: boolean; data?: unknown } };

// C0 controls, DEL and C1 controls: ESC starts terminal escape sequences, U+009B is a one-character CSI.
const HAS_CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * `value` without control characters, when it is a string. Tag values reach
 * operators' terminals (`sightline report`), log viewers and dashboards, and
 * arrive from peers (baggage, MCP `_meta`): an escape sequence in one must not
 * reach any of them.
 */
export function withoutControlCharacters(value: unknown): unknown {
  return typeof value === 'string' && HAS_CONTROL_CHARACTER.test(value) ? value.replace(CONTROL_CHARACTERS, '') : value;
}

/** The field's reading of `value` when it is a finite scalar, else undefined. Never throws. */
export function parseScalar(field: FieldSchema, value: unknown): TagValue | undefined {
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
export function parseText(field: FieldSchema, value: unknown): TagValue | undefined {
  const asIs = parseScalar(field, value);
  if (asIs !== undefined || typeof value !== 'string') return asIs;
  if (value === 'true' || value === 'false') return parseScalar(field, value === 'true');
  const number = Number(value);
  return value.trim() !== '' && Number.isFinite(number) ? parseScalar(field, number) : undefined;
}

/** An optional field (`.optional()`): absence is a valid state, so it is neither stamped nor counted as untagged. */
export function acceptsAbsence(field: FieldSchema): boolean {
  try {
    const result = field.safeParse(undefined);
    return result.success && result.data === undefined;
  } catch {
    return false;
  }
}
