import { createBudgetTracker, defaultTagSchema, init } from '@sightline/core';

declare function notifyOnCall(message: string): void;

const obs = init({
  serviceName: 'support-bot',
  budgets: [
    { match: { team: 'search' }, usd: 50, window: '1h' },
    { name: 'gpt-4o daily', match: { model: 'gpt-4o' }, usd: 400, window: '1d' },
    { match: { team: 'billing', provider: 'anthropic' }, usd: 2000, window: '30d' },
  ],
  onAlert: (alert) => {
    if (alert.kind === 'budget') notifyOnCall(alert.message); // quality alerts arrive here too
  },
});
await obs.shutdown();

// ---- docs/cost.md, "Without init"
const budgets = createBudgetTracker(
  [{ match: { team: 'search' }, usd: 50, window: '1h' }],
  { onAlert: (alert) => notifyOnCall(alert.message), tagKeys: Object.keys(defaultTagSchema.shape) },
);
// Where the cost of a model call is known, with the attributes its span carries:
budgets.recordSpend(0.42, { team: 'search', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.provider.name': 'openai' });
