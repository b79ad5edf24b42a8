import { SpanKind } from '@opentelemetry/api';
import { traced } from '@sightline/core';
import { setupTestTelemetry } from '../../testing/src/index.js';
import { expect, it } from 'vitest';

// traced() keeps its tracers per registered provider: each init's provider must
// get the spans started while it is registered, and nothing else.
it('binds each span to the provider registered at the time, across init, shutdown and a second init', async () => {
  const run = (name: string) => traced({ scope: 'test-scope', name, kind: SpanKind.CLIENT }, (span) => span.isRecording());
  expect(run('before init')).toBe(false);

  const first = setupTestTelemetry();
  expect(run('first')).toBe(true);
  expect(first.spans().map((span) => span.name)).toEqual(['first']);
  await first.shutdown();
  expect(run('between')).toBe(false);

  const second = setupTestTelemetry();
  expect(run('second')).toBe(true);
  expect(second.spans().map((span) => [span.name, span.instrumentationScope.name])).toEqual([['second', 'test-scope']]);
  await second.shutdown();
});
