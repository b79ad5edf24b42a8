import type { Attributes } from '@opentelemetry/api';

/** Budget windows are fixed and aligned to UTC wall-clock time (see windows.ts). */
export type BudgetWindow = '1h' | '1d' | '30d';

export interface BudgetConfig {
  /**
   * Which spend counts: every entry must equal the call's attribute. Keys are tag keys
   * (`team`, `feature`, …), `model` (gen_ai.request.model), `provider` (gen_ai.provider.name),
   * or any attribute name. An empty match counts everything.
   */
  match: Record<string, string | number | boolean>;
  /** The limit in US dollars for one window. */
  usd: number;
  window: BudgetWindow;
  /** Shown in alerts and used as the `sightline.budget.name` label. Default: derived from match and window. */
  name?: string;
}

/** Raised once per window when a budget's spend reaches 80 % and once when it reaches 100 %. */
export interface BudgetAlert {
  kind: 'budget';
  budget: string;
  match: Record<string, string | number | boolean>;
  window: BudgetWindow;
  /** 0.8 or 1. */
  threshold: number;
  limitUsd: number;
  spentUsd: number;
  windowStart: Date;
  windowEnd: Date;
  message: string;
}

export interface BudgetStatus {
  budget: string;
  window: BudgetWindow;
  limitUsd: number;
  spentUsd: number;
  windowStart: Date;
}

export interface BudgetTrackerOptions {
  /** Called for every alert; a throwing callback is warned about once and never reaches the caller. */
  onAlert?: (alert: BudgetAlert) => void;
  /** When given, a match key that is neither one of these, `model`, `provider`, nor a dotted attribute name is rejected. */
  tagKeys?: readonly string[];
}

export interface BudgetTracker {
  /** Adds `usd` to every budget whose match the attributes satisfy. Never throws. */
  recordSpend(usd: number, attributes: Attributes): void;
  /** Spend in the current window of every budget. */
  status(): BudgetStatus[];
}
