// processTags() is the defaults, as metric records carry them: decided by which keys have a default,
// never by comparing values with the "untagged" fill.
import { processTags, semconv } from '@sightline/core/instrumentation';
import { afterEach, expect, it } from 'vitest';
import { setupTestTelemetry } from '../../testing/src/index.js';

let telemetry: ReturnType<typeof setupTestTelemetry> | undefined;
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});

it('returns the defaulted keys only, a default spelled like the fill included, span-only keys left out', () => {
  telemetry = setupTestTelemetry({
    defaultTags: { project: 'checkout', environment: semconv.UNTAGGED_VALUE, 'user.id': 'ops-admin' },
  });
  expect(processTags()).toEqual({ project: 'checkout', environment: semconv.UNTAGGED_VALUE });
});

it('is empty without defaults', () => {
  telemetry = setupTestTelemetry();
  expect(processTags()).toEqual({});
});
