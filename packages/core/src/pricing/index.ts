export { configurePricing, resolveModelPrice } from './config.js';
export { computeCostUsd, costOfModelCall } from './cost.js';
export { PRICING_CATALOG_VERSION } from './catalog.js';
export type { ModelPrice, PricingOptions, ResolvedModelPrice, TokenUsage } from './types.js';
