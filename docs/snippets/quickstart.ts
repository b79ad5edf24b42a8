import { trace } from '@opentelemetry/api';
import { init } from '@sightline/core';
import { z } from 'zod';

const obs = init({
  serviceName: 'support-bot',
  tags: z.object({ team: z.string(), feature: z.string(), environment: z.enum(['dev', 'staging', 'prod']) }),
  defaultTags: { environment: 'dev' },
});

await obs.withTags({ team: 'search', feature: 'faq' }, async () => {
  trace.getTracer('my-app').startSpan('answer question').end(); // stamped with team=search, feature=faq
});
await obs.shutdown(); // flushes .sightline/{traces,metrics,logs}.jsonl
