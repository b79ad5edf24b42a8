import { semconv, tagSchemaKeys, withTags } from '@sightline/core/instrumentation';

/**
 * Runs a judge call with `feature="sightline-eval"` over the current tags, when
 * the schema has a `feature` key, so the judge's tokens and cost are attributed
 * to evaluation rather than to the feature it evaluated.
 */
export function withEvaluationFeatureTag<T>(fn: () => T): T {
  if (!tagSchemaKeys().includes('feature')) return fn();
  return withTags({ feature: semconv.EVAL_FEATURE_TAG_VALUE }, fn);
}
