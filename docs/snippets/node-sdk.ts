import { NodeSDK } from '@opentelemetry/sdk-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { sightlineComponents } from '@sightline/core';

// Your SDK, your exporters and instrumentations; Sightline's processors, readers, views,
// propagator and context manager spread in. Its runtime (tags, budgets, evaluations,
// the .sightline/ files for `sightline report`) starts here, as with init().
const parts = sightlineComponents({ defaultTags: { environment: 'prod' } });
const sdk = new NodeSDK({
  ...parts,
  serviceName: 'support-bot',
  instrumentations: [new HttpInstrumentation()],
});
sdk.start();

await parts.sightline.withTags({ team: 'search' }, async () => {
  // every span and metric recorded here, Sightline's and the app's, carries team=search
});
await parts.sightline.shutdown(); // drains Sightline's parts, then:
await sdk.shutdown();
