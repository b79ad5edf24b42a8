import type { Attributes } from '@opentelemetry/api';
import { ATTR_GEN_AI_PROVIDER_NAME, ATTR_GEN_AI_REQUEST_MODEL, ATTR_GEN_AI_RESPONSE_MODEL } from '../semconv.js';
import type { BudgetConfig } from './types.js';

type Predicate = (attributes: Attributes) => boolean;

/** Short names a budget may use instead of the semconv attribute names. */
const SHORTHANDS: Readonly<Record<string, string>> = { model: ATTR_GEN_AI_REQUEST_MODEL, provider: ATTR_GEN_AI_PROVIDER_NAME };

/** Throws (at configuration time) when a key is neither a known tag key, a shorthand, nor an attribute name. */
export function assertKnownMatchKeys(config: BudgetConfig, tagKeys: readonly string[] | undefined): void {
  if (!tagKeys) return;
  for (const key of Object.keys(config.match)) {
    if (key in SHORTHANDS || tagKeys.includes(key) || key.includes('.')) continue;
    throw new TypeError(`budget match key "${key}" is not a tag key (${tagKeys.join(', ')}), "model", "provider", or an attribute name`);
  }
}

/** Compiles a match into one predicate; values compare as strings, so `{ tier: 1 }` matches `"1"`. */
export function compileMatch(match: BudgetConfig['match']): Predicate {
  const checks = Object.entries(match).map(([key, expected]) => {
    const attribute = SHORTHANDS[key] ?? key;
    const want = String(expected);
    if (attribute === ATTR_GEN_AI_REQUEST_MODEL) {
      // Some providers report only the response model; fall back to it.
      return (attributes: Attributes) => String(attributes[attribute] ?? attributes[ATTR_GEN_AI_RESPONSE_MODEL]) === want;
    }
    return (attributes: Attributes) => attributes[attribute] !== undefined && String(attributes[attribute]) === want;
  });
  return (attributes) => checks.every((check) => check(attributes));
}

/** `team=search,feature=faq/1d`: a stable, readable default name. */
export function defaultBudgetName(config: BudgetConfig): string {
  const parts = Object.entries(config.match).map(([key, value]) => `${key}=${String(value)}`);
  return `${parts.length > 0 ? parts.join(',') : 'all'}/${config.window}`;
}
