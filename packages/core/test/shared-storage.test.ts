import { EventEmitter } from 'node:events';
import { context, createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { sightlineContextManager } from '../src/spans/resolving-context-manager.js';
import { contextStorageLane, foreignStorageLane } from '../src/spans/shared-storage.js';

const KEY = createContextKey('shared storage test');
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

afterEach(() => {
  context.disable();
});

describe('the shared storage', () => {
  it('keeps each lane as a storage of its own: entering one carries the other over, across awaits and timers', async () => {
    const foreign = foreignStorageLane();
    const lane = contextStorageLane();
    const ctx = ROOT_CONTEXT.setValue(KEY, 'outer');
    const seen = await lane.run(ctx, () =>
      foreign.run('run-config', async () => {
        await tick();
        const inner = await lane.run(ROOT_CONTEXT.setValue(KEY, 'inner'), async () => {
          await tick();
          return { context: lane.getStore()?.getValue(KEY), foreign: foreign.getStore() };
        });
        const cleared = foreign.exit(() => foreign.getStore());
        return { inner, after: { context: lane.getStore()?.getValue(KEY), foreign: foreign.getStore() }, cleared };
      }),
    );
    expect(seen).toEqual({
      inner: { context: 'inner', foreign: 'run-config' },
      after: { context: 'outer', foreign: 'run-config' },
      cleared: undefined,
    });
    expect(foreign.getStore()).toBeUndefined();
  });

  it('enterWith on one lane leaves the other lane as it was', async () => {
    const foreign = foreignStorageLane();
    const lane = contextStorageLane();
    const seen = await lane.run(ROOT_CONTEXT.setValue(KEY, 'ctx'), async () => {
      foreign.enterWith('entered');
      await tick();
      return { context: lane.getStore()?.getValue(KEY), foreign: foreign.getStore() };
    });
    expect(seen).toEqual({ context: 'ctx', foreign: 'entered' });
  });

  it("is where the context manager Sightline registers keeps its contexts (OTel's manager keeps no storage of its own)", async () => {
    context.setGlobalContextManager(sightlineContextManager().enable());
    const ctx = ROOT_CONTEXT.setValue(KEY, 'registered');
    const emitter = new EventEmitter();
    const seen = await context.with(ctx, async () => {
      await tick();
      return { lane: contextStorageLane().getStore(), active: context.active().getValue(KEY) };
    });
    expect(seen).toEqual({ lane: ctx, active: 'registered' });
    // bind (functions and emitters) goes through the same lane.
    const bound = context.bind(ctx, () => context.active().getValue(KEY));
    let fromListener: unknown;
    context.bind(ctx, emitter).on('event', () => {
      fromListener = context.active().getValue(KEY);
    });
    emitter.emit('event');
    expect({ bound: bound(), fromListener }).toEqual({ bound: 'registered', fromListener: 'registered' });
  });

  it('disable() empties only its own lane, until the next run', () => {
    const foreign = foreignStorageLane();
    const lane = contextStorageLane();
    const seen = foreign.run('kept', () =>
      lane.run(ROOT_CONTEXT.setValue(KEY, 'gone'), () => {
        lane.disable();
        const afterDisable = { context: lane.getStore(), foreign: foreign.getStore() };
        const rerun = lane.run(ROOT_CONTEXT.setValue(KEY, 'again'), () => lane.getStore()?.getValue(KEY));
        return { afterDisable, rerun };
      }),
    );
    expect(seen).toEqual({ afterDisable: { context: undefined, foreign: 'kept' }, rerun: 'again' });
  });
});
