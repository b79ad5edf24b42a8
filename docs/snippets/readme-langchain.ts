import { init } from '@sightline/core';
import { instrumentLangChain } from '@sightline/langchain/zero-touch';
import { createAgent } from 'langchain';

const obs = init({ serviceName: 'support-bot' });
instrumentLangChain(); // every LangChain and LangGraph run of the process, no `callbacks` needed
const agent = createAgent({ model: 'openai:gpt-4o-mini', tools: [] });

await obs.withTags({ team: 'search', feature: 'faq' }, () =>
  agent.invoke({ messages: [{ role: 'user', content: 'Where is my order?' }] }),
);
await obs.shutdown();
