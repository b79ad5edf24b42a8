import { createLogger } from '../internal/logger.js';
import { countInternal } from '../metrics/internal-counters.js';
import { ATTR_GEN_AI_REQUEST_MODEL, METRIC_SIGHTLINE_COST_UNPRICED } from '../semconv.js';
import { resolveModelPrice } from './config.js';
import type { ModelPrice, TokenUsage } from './types.js';

const log = createLogger('pricing');
const TOKENS_PER_PRICE_UNIT = 1_000_000;

/**
 * USD for `usage` at `price`. Cached input and reasoning output are carved out
 * of the input and output totals and billed at their own rates, so nothing is
 * counted twice. Counts are clamped so inconsistent provider numbers never
 * produce a negative cost.
 */
export function computeCostUsd(usage: TokenUsage, price: ModelPrice): number {
  const cacheRead = nonNegative(usage.cacheReadInputTokens);
  const cacheWrite = nonNegative(usage.cacheCreationInputTokens);
  const reasoning = nonNegative(usage.reasoningOutputTokens);
  const freshInput = Math.max(0, nonNegative(usage.inputTokens) - cacheRead - cacheWrite);
  const plainOutput = Math.max(0, nonNegative(usage.outputTokens) - reasoning);
  const total =
    freshInput * price.input +
    cacheRead * (price.cacheRead ?? price.input) +
    cacheWrite * (price.cacheWrite ?? price.input) +
    plainOutput * price.output +
    reasoning * (price.reasoning ?? price.output);
  return total / TOKENS_PER_PRICE_UNIT;
}

/**
 * The cost of one model call, or undefined when the model has no price. An
 * unpriced model is counted in `sightline.cost.unpriced{gen_ai.request.model}`
 * and warned about once: it is never reported as $0.
 */
export function costOfModelCall(model: string | undefined, usage: TokenUsage): number | undefined {
  const resolved = model ? resolveModelPrice(model) : undefined;
  if (resolved === undefined) {
    const label = model || 'unknown';
    countInternal(METRIC_SIGHTLINE_COST_UNPRICED, 'Model calls without a known price (no cost recorded)', {
      [ATTR_GEN_AI_REQUEST_MODEL]: label,
    });
    log.warnOnce(`unpriced:${label}`, `no price for model "${label}"; its calls carry no cost. Add pricing.overrides or pricing.aliases.`);
    return undefined;
  }
  return computeCostUsd(usage, resolved.price);
}

function nonNegative(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
