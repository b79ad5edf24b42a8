/** Loose readers for provider payloads: they never throw and ignore anything that is not the expected type. */
export type Loose = Record<string, unknown>;

export function asObject(value: unknown): Loose | undefined {
  return value !== null && typeof value === 'object' ? (value as Loose) : undefined;
}

/** `source[key]`, or `source[key][nested]`, as a finite count; numeric strings count too. */
export function numberAt(source: Loose | undefined, key: string, nested?: string): number | undefined {
  let value: unknown = source?.[key];
  if (nested !== undefined) value = asObject(value)?.[nested];
  return countValue(value);
}

/** A finite, non-negative count; numeric strings count too. */
export function countValue(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number >= 0 ? number : undefined;
}

export function stringAt(source: Loose | undefined, key: string): string | undefined {
  return nonEmptyString(source?.[key]);
}

export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function sum(...values: (number | undefined)[]): number | undefined {
  let total: number | undefined;
  for (const value of values) if (value !== undefined) total = (total ?? 0) + value;
  return total;
}
