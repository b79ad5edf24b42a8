import { globalSlot } from '../internal/global-slot.js';
import { createLogger } from '../internal/logger.js';
import { candidateNames } from './aliases.js';
import { catalogFamily } from './catalog.js';
import type { ModelPrice, PricingOptions, ResolvedModelPrice } from './types.js';

const log = createLogger('pricing');

interface PricingState {
  overrides: Map<string, ModelPrice>;
  aliases: Map<string, string>;
  /** Resolution results by reported model name; bounded, cleared on reconfiguration. */
  cache: Map<string, ResolvedModelPrice | null>;
}

const MAX_CACHED_MODELS = 1000;

// Kept on the shared global slot so the ESM and CJS builds of core see one configuration.
function state(): PricingState {
  const slot = globalSlot() as { pricing?: PricingState };
  return (slot.pricing ??= { overrides: new Map(), aliases: new Map(), cache: new Map() });
}

/**
 * Installs the user's price overrides and model aliases (replacing earlier ones).
 * `init({ pricing })` calls this; invalid prices are dropped with a warning, never thrown.
 */
export function configurePricing(options: PricingOptions = {}): void {
  const next = state();
  next.overrides = new Map();
  next.aliases = new Map();
  next.cache.clear();
  for (const [model, price] of Object.entries(options.overrides ?? {})) {
    if (isValidPrice(price)) next.overrides.set(model.trim().toLowerCase(), { ...price });
    else log.warnOnce(`invalid-override:${model}`, `ignored the price override for "${model}": prices must be finite numbers >= 0`);
  }
  for (const [model, target] of Object.entries(options.aliases ?? {})) {
    if (typeof target === 'string' && target.length > 0) next.aliases.set(model.trim().toLowerCase(), target);
  }
}

/**
 * The price of `model`: a user override (merged over the catalog entry of the same
 * family), else the catalog family it resolves to through aliases, else undefined.
 */
export function resolveModelPrice(model: string): ResolvedModelPrice | undefined {
  const { cache } = state();
  const cached = cache.get(model);
  if (cached !== undefined) return cached ?? undefined;
  const resolved = resolveUncached(model, 0);
  if (cache.size >= MAX_CACHED_MODELS) cache.clear();
  cache.set(model, resolved ?? null);
  return resolved;
}

function resolveUncached(model: string, depth: number): ResolvedModelPrice | undefined {
  const { overrides, aliases } = state();
  for (const name of candidateNames(model)) {
    const override = overrides.get(name);
    const family = catalogFamily(name);
    if (override) return merged(name, override, family);
    if (family) {
      return { family: name, price: pick(family), source: family.source, effectiveDate: family.effectiveDate };
    }
    const target = aliases.get(name);
    // Aliases may point at other aliases; a short depth limit stops cycles.
    if (target !== undefined && depth < 4) return resolveUncached(target, depth + 1);
  }
  return undefined;
}

function merged(name: string, override: ModelPrice, family: Required<ModelPrice> | undefined): ResolvedModelPrice {
  const { input, output } = override;
  return {
    family: name,
    price: {
      input,
      output,
      cacheRead: override.cacheRead ?? family?.cacheRead ?? input,
      cacheWrite: override.cacheWrite ?? family?.cacheWrite ?? input,
      reasoning: override.reasoning ?? family?.reasoning ?? output,
    },
    source: 'override',
  };
}

function pick(price: Required<ModelPrice>): Required<ModelPrice> {
  const { input, output, cacheRead, cacheWrite, reasoning } = price;
  return { input, output, cacheRead, cacheWrite, reasoning };
}

function isValidPrice(price: ModelPrice | undefined): price is ModelPrice {
  if (price === null || typeof price !== 'object') return false;
  return (
    Object.values(price).every((value) => typeof value === 'number' && Number.isFinite(value) && value >= 0) &&
    typeof price.input === 'number' &&
    typeof price.output === 'number'
  );
}
