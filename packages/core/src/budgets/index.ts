export { createBudgetTracker } from './tracker.js';
export type { BudgetAlert, BudgetConfig, BudgetStatus, BudgetTracker, BudgetTrackerOptions, BudgetWindow } from './types.js';
