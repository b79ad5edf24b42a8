import { trace } from '@opentelemetry/api';
import { setupTestTelemetry, type TestTelemetry } from '../../testing/src/index.js';
import { EventEmitter, once } from 'node:events';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';

let telemetry: TestTelemetry<never> | undefined;
afterEach(() => telemetry?.shutdown());

const tracer = () => trace.getTracer('isolation-test');
const mark = (label: string, request: number) => tracer().startSpan(`${label} ${request}`).end();

async function* ticks(request: number) {
  for (let i = 0; i < 2; i++) {
    await nextTurn();
    yield i;
  }
  mark('generator-done', request);
}

/** One request that hops across every async boundary Node offers. */
async function request(index: number): Promise<void> {
  mark('start', index);
  await Promise.resolve();
  mark('await', index);
  await new Promise<void>((resolve) =>
    setTimeout(() => {
      mark('setTimeout', index);
      resolve();
    }, index % 5),
  );
  await new Promise<void>((resolve) =>
    setImmediate(() => {
      mark('setImmediate', index);
      resolve();
    }),
  );
  await Promise.resolve(index)
    .then((value) => sleep(value % 3))
    .then(() => mark('promise-chain', index));
  const emitter = new EventEmitter();
  emitter.on('ping', () => mark('event', index));
  setTimeout(() => emitter.emit('ping'), index % 4);
  await once(emitter, 'ping');
  for await (const _ of ticks(index)) mark('generator-step', index);
}

it('keeps 1,000 concurrent requests apart: every span carries exactly its own tags', async () => {
  telemetry = setupTestTelemetry() as unknown as TestTelemetry<never>;
  const obs = telemetry.obs as unknown as { withTags<T>(tags: object, fn: () => T): T };
  const teams = ['search', 'billing', 'support', 'growth'];
  await Promise.all(
    Array.from({ length: 1000 }, (_, index) =>
      obs.withTags({ team: teams[index % teams.length], feature: `feature-${index}` }, () => request(index)),
    ),
  );
  const spans = telemetry.spans();
  expect(spans).toHaveLength(1000 * 9);
  let crossed = 0;
  for (const span of spans) {
    const index = Number(span.name.split(' ').at(-1));
    const expected = { team: teams[index % teams.length], feature: `feature-${index}` };
    if (span.attributes.team !== expected.team || span.attributes.feature !== expected.feature) crossed++;
  }
  expect(crossed).toBe(0);
});
