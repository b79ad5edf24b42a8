import type { GpuSnapshot } from './types.js';

/** What a tool reports for one GPU at one instant, before energy is integrated. */
export type GpuReading = Omit<GpuSnapshot, 'energyJoules' | 'sampledAt'>;

export const BYTES_PER_MIB = 1024 * 1024;

/**
 * A number from a tool's text, or undefined for the tools' "no value" markers
 * (`[N/A]`, `[Not Supported]`, `N/A`, `[Unknown Error]`, ...). Returns null for
 * anything else that is not a number, so callers can tell garbage from absence.
 */
export function parseMeasurement(text: string | undefined): number | undefined | null {
  if (text === undefined) return null;
  const value = text.trim();
  if (value === '' || value.startsWith('[') || value === 'N/A') return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(value)) return null;
  return Number(value);
}

export const percentToRatio = (percent: number | undefined): number | undefined => (percent === undefined ? undefined : percent / 100);

export const mibToBytes = (mib: number | undefined): number | undefined =>
  mib === undefined ? undefined : Math.round(mib * BYTES_PER_MIB);
