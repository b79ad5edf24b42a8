import { AsyncLocalStorage } from 'node:async_hooks';
import { AsyncLocalStorageProviderSingleton } from '@langchain/core/singletons';
import { RunnableLambda } from '@langchain/core/runnables';
import { context, trace } from '@opentelemetry/api';
import { foreignStorageLane } from '@sightline/core/instrumentation';
import { expectTree, setupTestTelemetry } from '@sightline/testing';
import { describe, expect, it } from 'vitest';
import { SightlineCallbackHandler } from '../src/handler.js';

const KEY = Symbol.for('ls:tracing_async_local_storage');
const holder = globalThis as { [KEY]?: unknown };

describe("LangChain's storage in the shared lane", () => {
  it('replaces an AsyncLocalStorage nobody entered yet (Node 20), and leaves one of Node 24 alone', async () => {
    const own = new AsyncLocalStorage();
    const unentered = (own as { enabled?: unknown }).enabled === false;
    holder[KEY] = own;
    new SightlineCallbackHandler();
    expect(AsyncLocalStorageProviderSingleton.getInstance()).toBe(unentered ? foreignStorageLane() : own);
    // Either way a nested run, invoked with no config, still inherits its caller's through the storage.
    const handler = new SightlineCallbackHandler();
    const inner = RunnableLambda.from(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return AsyncLocalStorageProviderSingleton.getRunnableConfig()?.metadata?.probe;
    });
    const outer = RunnableLambda.from(async () => inner.invoke('x'));
    expect(await outer.invoke('x', { callbacks: [handler], metadata: { probe: 'inherited' } })).toBe('inherited');
    expect(handler.openRuns).toBe(0);
  });

  it('leaves LangChain without a storage when it has none, and still finds the run a span starts in', async () => {
    holder[KEY] = undefined;
    const telemetry = setupTestTelemetry();
    try {
      const handler = new SightlineCallbackHandler();
      expect(holder[KEY]).toBeUndefined();
      const tool = RunnableLambda.from(async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        trace.getTracer('app').startSpan('app work', {}, context.active()).end();
        // As without Sightline: a nested run invoked with no config does not inherit its caller's.
        return AsyncLocalStorageProviderSingleton.getRunnableConfig()?.metadata?.probe ?? 'none';
      }).withConfig({ runName: 'tool body' });
      expect(await tool.invoke('x', { callbacks: [handler], metadata: { probe: 'inherited' } })).toBe('none');
      expect(holder[KEY]).toBeUndefined();
      expectTree(telemetry.spans(), { name: 'tool body', children: [{ name: 'app work' }] });
      expect(handler.openRuns).toBe(0);
    } finally {
      await telemetry.shutdown();
    }
  });

  it('keeps a storage that was already entered: its values live in async contexts Sightline cannot see', () => {
    const own = new AsyncLocalStorage();
    own.enterWith({ entered: true });
    holder[KEY] = own;
    new SightlineCallbackHandler();
    expect(AsyncLocalStorageProviderSingleton.getInstance()).toBe(own);
  });
});
