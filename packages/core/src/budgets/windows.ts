import type { BudgetWindow } from './types.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Window lengths. Windows are aligned to the Unix epoch, i.e. to UTC wall-clock
 * time: `1h` starts on the hour, `1d` at 00:00 UTC, and `30d` on 30-day
 * boundaries counted from 1970-01-01. Aligned windows mean every process of a
 * fleet agrees on when a window starts, which a window started at boot would not.
 */
export const WINDOW_MS: Readonly<Record<BudgetWindow, number>> = Object.freeze({
  '1h': HOUR_MS,
  '1d': DAY_MS,
  '30d': 30 * DAY_MS,
});

export function isBudgetWindow(value: unknown): value is BudgetWindow {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(WINDOW_MS, value);
}

/** Start (epoch ms) of the window of length `window` that contains `nowMs`. */
export function windowStartOf(window: BudgetWindow, nowMs: number): number {
  const length = WINDOW_MS[window];
  return Math.floor(nowMs / length) * length;
}
