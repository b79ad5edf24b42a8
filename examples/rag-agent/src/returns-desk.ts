import { instrumentOpenAI } from '@sightline/providers/openai';
import OpenAI from 'openai';
import { startScriptedOpenAI, type ScriptedOpenAI } from './scripted-openai.js';

/** A model call the bot makes straight through the `openai` client, outside LangChain. */
export interface ReturnsDesk {
  /** One line for the returns desk about a return the agent handled. */
  summarize(question: string, answer: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * With OPENAI_API_KEY set, the OpenAI API writes the summary; otherwise a scripted server on
 * loopback does. Either way the client is instrumented, so the call carries the request's tags,
 * tokens and cost like the agent's own model calls.
 */
export async function openReturnsDesk(env: NodeJS.ProcessEnv = process.env): Promise<ReturnsDesk> {
  const scripted: ScriptedOpenAI | undefined = env.OPENAI_API_KEY ? undefined : await startScriptedOpenAI();
  const client = instrumentOpenAI(
    new OpenAI(scripted === undefined ? { maxRetries: 2 } : { baseURL: scripted.baseURL, apiKey: 'scripted', maxRetries: 0 }),
  );
  return {
    async summarize(question, answer) {
      const completion = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        temperature: 0,
        max_tokens: 60,
        messages: [
          { role: 'system', content: 'Summarise this return for the returns desk in one line.' },
          { role: 'user', content: `Customer: ${question}\nAgent: ${answer}` },
        ],
      });
      return completion.choices[0]?.message.content ?? '';
    },
    stop: () => scripted?.stop() ?? Promise.resolve(),
  };
}
