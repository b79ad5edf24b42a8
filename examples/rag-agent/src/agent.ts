import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseRetriever } from '@langchain/core/retrievers';
import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import { createAgent } from 'langchain';
import { z } from 'zod';

export const AGENT_NAME = 'support-agent';

const SYSTEM_PROMPT = [
  'You are the customer support assistant of Northwind Outdoor, an online outdoor gear shop.',
  'Use search_docs for questions about products, warranties and store policies, lookup_order for the status of an order,',
  'and track_shipment for where a parcel is. Answer in one or two sentences, only from what the tools return.',
  'Decline anything unrelated to our products, orders and returns.',
].join(' ');

/** The knowledge-base tool: the retriever's top documents, one `[id] text` line each. */
export function searchDocsTool(retriever: BaseRetriever) {
  return tool(
    async ({ query }) => {
      const documents = await retriever.invoke(query);
      return documents.map((document) => `[${document.id ?? '?'}] ${document.pageContent}`).join('\n');
    },
    {
      name: 'search_docs',
      description: 'Search the product and policy knowledge base.',
      schema: z.object({ query: z.string().describe('What to look for') }),
    },
  );
}

/** The support agent: one LangChain `createAgent` graph per model, all with the same tools. */
export function createSupportAgent(model: BaseChatModel, tools: StructuredToolInterface[]) {
  return createAgent({ model, tools, systemPrompt: SYSTEM_PROMPT, name: AGENT_NAME });
}

export type SupportAgent = ReturnType<typeof createSupportAgent>;
