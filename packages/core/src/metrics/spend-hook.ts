import { context as contextApi, type Attributes, type Context } from '@opentelemetry/api';
import { globalSlot } from '../internal/global-slot.js';

/**
 * What recording needs of the budget tracker (budgets/tracker.ts), which `init`
 * registers here: recording sits below budgets, so it only knows this hook.
 */
export interface SpendAccountant {
  recordSpend(usd: number, attributes: Attributes): void;
}

/** Stored on core's global slot, so every copy of core feeds the one tracker that `init` configured. */
interface BudgetSlot {
  budgetTracker?: SpendAccountant;
}

function slot(): BudgetSlot {
  return globalSlot() as BudgetSlot;
}

export function registerSpendAccountant(tracker: SpendAccountant | undefined): void {
  slot().budgetTracker = tracker;
}

/**
 * Called by `recordMetric` for every `sightline.llm.cost` record, with the tags
 * already merged into `attributes`: spend is accounted as it is recorded, by
 * whichever integration recorded it. Runs in the record's context, so an alert's
 * log record is parented to the model call that crossed the threshold.
 */
export function accountSpend(usd: number, attributes: Attributes, contextOf: () => Context): void {
  const tracker = slot().budgetTracker;
  // The context is built only for a tracker: most apps set no budget, and a context costs a map copy.
  if (tracker !== undefined) contextApi.with(contextOf(), () => tracker.recordSpend(usd, attributes));
}
