import Anthropic from '@anthropic-ai/sdk';
import { init } from '@sightline/core';
import { instrumentAnthropic } from '@sightline/providers/anthropic';

const obs = init({ serviceName: 'support-bot' });
instrumentAnthropic(); // completes the SDK's own spans; no client is wrapped

const anthropic = new Anthropic(); // its OpenTelemetry tracing is on by default
const message = await obs.withTags({ team: 'search', feature: 'faq' }, () =>
  anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    system: [{ type: 'text', text: 'You answer questions about our return policy.', cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: 'Can I return a used tent?' }],
  }),
);
console.log(message.usage.cache_read_input_tokens); // also on the span, and priced at the cache rate

// Streams: the usage of message_start and message_delta lands on the same span.
const stream = anthropic.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] });
for await (const event of stream) {
  if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') process.stdout.write(event.delta.text);
}
