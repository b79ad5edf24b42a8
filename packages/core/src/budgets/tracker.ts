import type { Attributes } from '@opentelemetry/api';
import { createLogger } from '../internal/logger.js';
import { alertMessage, raiseBudgetAlert } from './alerts.js';
import { assertKnownMatchKeys, compileMatch, defaultBudgetName } from './matcher.js';
import type { BudgetConfig, BudgetStatus, BudgetTracker, BudgetTrackerOptions, BudgetWindow } from './types.js';
import { isBudgetWindow, WINDOW_MS, windowStartOf } from './windows.js';

const log = createLogger('budgets');

/** The fractions of a budget at which an alert is raised, in ascending order. */
const THRESHOLDS = [0.8, 1] as const;
/** Float sums of cents drift; a threshold counts as reached within this relative slack. */
const RELATIVE_SLACK = 1e-9;

/**
 * One budget's state: a running sum for the current window and how many
 * thresholds already fired in it. Memory is constant per configured budget, so
 * the tracker is bounded by the configuration, whatever the traffic.
 */
interface BudgetState {
  readonly name: string;
  readonly config: BudgetConfig;
  readonly matches: (attributes: Attributes) => boolean;
  windowStart: number;
  spentUsd: number;
  thresholdsFired: number;
}

/**
 * Accumulates spend per budget as cost is recorded, and raises an alert once per
 * window at 80 % and once at 100 %. Invalid configuration throws here (at
 * start-up); `recordSpend` never throws. State is per process: the Prometheus
 * rules over `sightline.llm.cost` give the fleet-wide view.
 */
export function createBudgetTracker(budgets: readonly BudgetConfig[] = [], options: BudgetTrackerOptions = {}): BudgetTracker {
  const states = budgets.map((config, index) => compileBudget(config, index, options.tagKeys));
  const names = new Set<string>();
  for (const state of states) {
    if (names.has(state.name)) throw new TypeError(`two budgets are named "${state.name}"; give one a distinct name`);
    names.add(state.name);
  }

  return {
    recordSpend(usd, attributes) {
      if (states.length === 0 || typeof usd !== 'number' || !Number.isFinite(usd) || usd <= 0) return;
      try {
        const now = Date.now();
        for (const state of states) if (state.matches(attributes)) addSpend(state, usd, now, options.onAlert);
      } catch (error) {
        log.warnOnce('record-spend', 'budget accounting failed; the application is unaffected', error);
      }
    },
    status() {
      const now = Date.now();
      return states.map((state) => {
        rollOver(state, now);
        return {
          budget: state.name,
          window: state.config.window,
          limitUsd: state.config.usd,
          spentUsd: state.spentUsd,
          windowStart: new Date(state.windowStart),
        } satisfies BudgetStatus;
      });
    },
  };
}

function addSpend(state: BudgetState, usd: number, now: number, onAlert: BudgetTrackerOptions['onAlert']): void {
  rollOver(state, now);
  state.spentUsd += usd;
  const limit = state.config.usd;
  while (state.thresholdsFired < THRESHOLDS.length) {
    const threshold = THRESHOLDS[state.thresholdsFired]!;
    if (state.spentUsd < threshold * limit * (1 - RELATIVE_SLACK)) break;
    state.thresholdsFired++;
    const window: BudgetWindow = state.config.window;
    const details = {
      kind: 'budget' as const,
      budget: state.name,
      match: { ...state.config.match },
      window,
      threshold,
      limitUsd: limit,
      spentUsd: state.spentUsd,
      windowStart: new Date(state.windowStart),
      windowEnd: new Date(state.windowStart + WINDOW_MS[window]),
    };
    raiseBudgetAlert({ ...details, message: alertMessage(details) }, onAlert);
  }
}

/** Starts a fresh window once the wall clock has passed into the next one. A clock that steps back keeps the current one. */
function rollOver(state: BudgetState, now: number): void {
  const start = windowStartOf(state.config.window, now);
  if (start <= state.windowStart) return;
  state.windowStart = start;
  state.spentUsd = 0;
  state.thresholdsFired = 0;
}

function compileBudget(config: BudgetConfig, index: number, tagKeys: readonly string[] | undefined): BudgetState {
  const where = `budgets[${index}]`;
  if (config === null || typeof config !== 'object') throw new TypeError(`${where} must be an object`);
  if (typeof config.usd !== 'number' || !Number.isFinite(config.usd) || config.usd <= 0) {
    throw new TypeError(`${where}.usd must be a positive number of US dollars`);
  }
  if (!isBudgetWindow(config.window)) throw new TypeError(`${where}.window must be one of ${Object.keys(WINDOW_MS).join(', ')}`);
  if (config.match === null || typeof config.match !== 'object') throw new TypeError(`${where}.match must be an object`);
  for (const [key, value] of Object.entries(config.match)) {
    if (!['string', 'number', 'boolean'].includes(typeof value))
      throw new TypeError(`${where}.match.${key} must be a string, number or boolean`);
  }
  assertKnownMatchKeys(config, tagKeys);
  return {
    name: config.name ?? defaultBudgetName(config),
    config: { ...config, match: { ...config.match } },
    matches: compileMatch(config.match),
    windowStart: Number.NEGATIVE_INFINITY,
    spentUsd: 0,
    thresholdsFired: 0,
  };
}
