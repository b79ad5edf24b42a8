import { init } from '@sightline/core';
import { instrumentAiSdk } from '@sightline/providers/ai-sdk';
import { embed, generateText, streamText, type EmbeddingModel, type LanguageModel } from 'ai';

const obs = init({ serviceName: 'support-bot' });
instrumentAiSdk(); // maps the AI SDK's own spans; nothing is wrapped

// `chat` and `embedder` are any AI SDK models: openai('gpt-4o-mini') and
// openai.embedding('text-embedding-3-small') from @ai-sdk/openai, anthropic('claude-sonnet-4-5'), …
export async function answer(chat: LanguageModel, embedder: EmbeddingModel, question: string) {
  const telemetry = { experimental_telemetry: { isEnabled: true } }; // per call, as the AI SDK asks
  const { text } = await obs.withTags({ team: 'search', feature: 'faq' }, () =>
    generateText({ model: chat, prompt: question, ...telemetry }),
  );
  const shorter = streamText({ model: chat, prompt: `Say it in one line: ${text}`, ...telemetry });
  for await (const delta of shorter.textStream) process.stdout.write(delta);
  return embed({ model: embedder, value: question, ...telemetry });
}
