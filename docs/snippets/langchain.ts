import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { StructuredToolInterface } from '@langchain/core/tools';
import { init } from '@sightline/core';
import { SightlineCallbackHandler } from '@sightline/langchain';
import { createAgent } from 'langchain';

declare const model: BaseChatModel;            // any LangChain chat model
declare const lookup: StructuredToolInterface; // any LangChain tool

const obs = init({ serviceName: 'support-bot', pricing: { aliases: { 'support-prod': 'gpt-4o' } } });
const handler = new SightlineCallbackHandler();            // one instance for the whole process

const agent = createAgent({ model, tools: [lookup], name: 'helper' });
await obs.withTags({ team: 'search', feature: 'faq' }, () =>
  agent.invoke({ messages: [{ role: 'user', content: 'hi' }] }, { callbacks: [handler] }),
);
// or bind it once: const tracedAgent = agent.withConfig({ callbacks: [handler] });
