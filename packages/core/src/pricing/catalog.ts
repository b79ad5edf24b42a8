import catalogFile from './catalog.v1.json' with { type: 'json' };
import type { ModelPrice } from './types.js';

export interface CatalogFamily extends Required<ModelPrice> {
  family: string;
  provider: string;
  effectiveDate: string;
  source: string;
}

/** The version of the bundled price list; bumped on every price change. */
export const PRICING_CATALOG_VERSION: string = catalogFile.version;

const families: ReadonlyMap<string, CatalogFamily> = new Map(
  (catalogFile.families as CatalogFamily[]).map((entry) => [entry.family, Object.freeze({ ...entry })]),
);

export function catalogFamily(name: string): CatalogFamily | undefined {
  return families.get(name);
}
