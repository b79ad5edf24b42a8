// Type test (tsc only, its own program so the augmentation below stays here):
// after `Register` names the app's schema, the top-level API is typed by it.
import { getTags, init, withTags } from '@sightline/core';
import { z } from 'zod';

const appTags = z.object({ tenant: z.string(), tier: z.enum(['free', 'pro']).optional() });

declare module '@sightline/core' {
  interface Register {
    tagSchema: typeof appTags;
  }
}

const obs = init({ tags: appTags });
obs.withTags({ tenant: 'acme' }, () => undefined);
withTags({ tenant: 'acme', tier: 'pro' }, () => undefined);
// @ts-expect-error -- `team` is not a key of the registered schema
withTags({ team: 'search' }, () => undefined);
// @ts-expect-error -- `tier` is an enum
withTags({ tier: 'gold' }, () => undefined);
const tier: 'free' | 'pro' | undefined = getTags().tier;
void tier;
