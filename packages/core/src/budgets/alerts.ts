import { emitAlertRecord } from '../alerts/alert-record.js';
import { safely } from '../internal/safely.js';
import { countInternal } from '../metrics/internal-counters.js';
import {
  ALERT_KIND_BUDGET,
  ATTR_SIGHTLINE_BUDGET_LIMIT_USD,
  ATTR_SIGHTLINE_BUDGET_NAME,
  ATTR_SIGHTLINE_BUDGET_SPENT_USD,
  ATTR_SIGHTLINE_BUDGET_THRESHOLD,
  ATTR_SIGHTLINE_BUDGET_WINDOW,
  ATTR_SIGHTLINE_BUDGET_WINDOW_START,
  METRIC_SIGHTLINE_BUDGET_BREACHES,
} from '../semconv.js';
import type { BudgetAlert } from './types.js';

/**
 * Announces one crossed threshold three ways: the `sightline.budget.breaches`
 * counter (for Prometheus rules), a `sightline.alert` log record in the active
 * context (so it is parented to the model call that crossed it), and the user's
 * `onAlert`. Each channel is isolated: one failing never stops the others.
 */
export function raiseBudgetAlert(alert: BudgetAlert, onAlert: ((alert: BudgetAlert) => void) | undefined): void {
  const labels = {
    [ATTR_SIGHTLINE_BUDGET_NAME]: alert.budget,
    [ATTR_SIGHTLINE_BUDGET_WINDOW]: alert.window,
    [ATTR_SIGHTLINE_BUDGET_THRESHOLD]: alert.threshold,
  };
  safely('budget breach counter', () =>
    countInternal(METRIC_SIGHTLINE_BUDGET_BREACHES, 'Budget thresholds crossed (80 % and 100 %, once per window)', labels),
  );
  emitAlertRecord({
    kind: ALERT_KIND_BUDGET,
    severe: alert.threshold >= 1,
    message: alert.message,
    attributes: {
      ...labels,
      [ATTR_SIGHTLINE_BUDGET_LIMIT_USD]: alert.limitUsd,
      [ATTR_SIGHTLINE_BUDGET_SPENT_USD]: alert.spentUsd,
      [ATTR_SIGHTLINE_BUDGET_WINDOW_START]: alert.windowStart.toISOString(),
    },
  });
  if (onAlert) safely('onAlert', () => onAlert(alert));
}

export function alertMessage(alert: Omit<BudgetAlert, 'message'>): string {
  const percent = Math.round(alert.threshold * 100);
  return (
    `budget "${alert.budget}" reached ${percent}% of $${alert.limitUsd} ` +
    `($${alert.spentUsd.toFixed(2)} spent since ${alert.windowStart.toISOString()})`
  );
}
