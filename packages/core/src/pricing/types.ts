/** Prices in USD per 1 million tokens. Missing cache and reasoning prices fall back to input and output. */
export interface ModelPrice {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
  reasoning?: number;
}

export interface PricingOptions {
  /** Per-model prices; merged field by field over the catalog entry of the same family, or added as a new model. */
  overrides?: Record<string, ModelPrice>;
  /** Model or deployment name → catalog family (or override) name, e.g. an Azure deployment `prod-chat` → `gpt-4o`. */
  aliases?: Record<string, string>;
}

/** Token counts of one model call. Input includes cached tokens; output includes reasoning tokens (semconv). */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens?: number;
  cacheCreationInputTokens?: number;
  reasoningOutputTokens?: number;
}

export interface ResolvedModelPrice {
  /** The catalog family or override name the model resolved to. */
  family: string;
  price: Required<ModelPrice>;
  /** Where the price comes from: the catalog's source URL, or `override`. */
  source: string;
  effectiveDate?: string;
}
