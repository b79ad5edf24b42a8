import { init } from '@sightline/core';
import { z } from 'zod';

const obs = init({
  serviceName: 'support-bot',
  tags: z.object({ team: z.string(), feature: z.string() }),
  // exporters: { file: '.sightline' } is the default; otlp, prometheus and console are opt-in
});
await obs.withTags({ team: 'search', feature: 'faq' }, async () => {
  // every span and metric recorded in here, by any OpenTelemetry instrumentation, carries team and feature
});
await obs.shutdown(); // flushes .sightline/
