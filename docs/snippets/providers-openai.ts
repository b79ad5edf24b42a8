import { init } from '@sightline/core';
import { instrumentOpenAI } from '@sightline/providers/openai';
import OpenAI, { AzureOpenAI } from 'openai';

const obs = init({ serviceName: 'support-bot', pricing: { aliases: { 'prod-chat': 'gpt-4o-mini' } } });
const openai = instrumentOpenAI(new OpenAI()); // the same client, its calls recorded

const completion = await obs.withTags({ team: 'search', feature: 'faq' }, () =>
  openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Do you price match?' }] }),
);
console.log(completion.choices[0]?.message.content);

// Streams: ask for usage, or the span says it is missing (Sightline never changes the request).
const stream = await openai.chat.completions.create({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Summarise our return policy.' }],
  stream: true,
  stream_options: { include_usage: true },
});
for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta.content ?? '');

// The Responses API and embeddings are recorded too.
await openai.responses.create({ model: 'gpt-4.1-mini', input: 'One tip for a first-time camper?' });
await openai.embeddings.create({ model: 'text-embedding-3-small', input: 'tent' });

// Azure OpenAI: the deployment is the model; the alias above prices it.
const azure = instrumentOpenAI(new AzureOpenAI({ deployment: 'prod-chat', apiVersion: '2024-10-21' }));
await azure.chat.completions.create({ model: 'prod-chat', messages: [{ role: 'user', content: 'hi' }] });
