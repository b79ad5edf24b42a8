import { init } from '@sightline/core';
import { evaluations, piiDetector } from '@sightline/evaluation';
import { instrumentLangChain } from '@sightline/langchain/zero-touch';
import { createAgent } from 'langchain';
import { z } from 'zod';

const obs = init({
  serviceName: 'support-bot',
  tags: z.object({ team: z.string(), feature: z.string(), environment: z.enum(['dev', 'staging', 'prod']) }),
  defaultTags: { environment: 'dev' },
  evaluation: evaluations({ evaluators: [piiDetector()] }),
  budgets: [{ match: { team: 'search' }, usd: 50, window: '1d' }],
});
instrumentLangChain(); // every LangChain and LangGraph run of the process, no `callbacks` needed
const agent = createAgent({ model: 'openai:gpt-4o-mini', tools: [] });

await obs.withTags({ team: 'search', feature: 'faq' }, () =>
  agent.invoke({ messages: [{ role: 'user', content: 'Where is my order?' }] }),
);
await obs.shutdown(); // flushes .sightline/; then: npx sightline report --by team,feature
