import type { BudgetAlert } from '../budgets/types.js';
import type { DriftAlert, QualityBreachAlert } from './quality-alerts.js';
import type { UntaggedSpikeAlert } from './untagged-spike.js';

/**
 * Everything `onAlert` can receive, discriminated by `kind`. New kinds may join
 * this union; handlers should ignore kinds they do not know rather than assume
 * the list is closed. The quality kinds are raised by `@sightline/evaluation`,
 * but typed here, so that `onAlert` is typed without it.
 */
export type SightlineAlert = QualityBreachAlert | DriftAlert | BudgetAlert | UntaggedSpikeAlert;

/** The kinds known to this version of core. */
export type SightlineAlertKind = SightlineAlert['kind'];
