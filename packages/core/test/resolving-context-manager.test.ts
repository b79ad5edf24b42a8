import { context, createContextKey, ROOT_CONTEXT, trace, type Context, type ContextManager, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { registerParentResolver } from '@sightline/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { globalSlot } from '../src/internal/global-slot.js';
import { sightlineContextManager } from '../src/spans/resolving-context-manager.js';
import { setupTestTelemetry, type TestTelemetry } from '../../testing/src/index.js';

const KEY = createContextKey('test value');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function register(resolver: (active: Context) => Context | undefined): void {
  cleanups.push(registerParentResolver(resolver));
}

/** A context manager that only records what it is asked. */
function recordingManager(current: Context) {
  const spies = {
    active: vi.fn(() => current),
    with: vi.fn((_context: Context, fn: (...args: unknown[]) => unknown, thisArg?: unknown, ...args: unknown[]) =>
      fn.call(thisArg, ...args),
    ),
    bind: vi.fn(<T>(_context: Context, target: T) => target),
    enable: vi.fn(function (this: ContextManager) {
      return this;
    }),
    disable: vi.fn(function (this: ContextManager) {
      return this;
    }),
  };
  // vi.fn cannot spell `with`'s generic signature; the spies behave as it says.
  return spies as unknown as typeof spies & ContextManager;
}

function installGlobally(manager: ContextManager): void {
  context.setGlobalContextManager(manager.enable());
  cleanups.push(() => context.disable());
}

describe('sightlineContextManager', () => {
  it('delegates with, bind, enable and disable to the inner manager', () => {
    const inner = recordingManager(ROOT_CONTEXT);
    const manager = sightlineContextManager(inner);
    const ctx = ROOT_CONTEXT.setValue(KEY, 1);
    const fn = function (this: unknown, a: number, b: number) {
      return [this, a + b];
    };
    const self = {};
    expect(manager.with(ctx, fn, self, 2, 3)).toEqual([self, 5]);
    expect(inner.with).toHaveBeenCalledWith(ctx, fn, self, 2, 3);
    const target = () => 'bound';
    expect(manager.bind(ctx, target)).toBe(target);
    expect(inner.bind).toHaveBeenCalledWith(ctx, target);
    expect(manager.enable()).toBe(manager);
    expect(manager.disable()).toBe(manager);
    expect(inner.enable).toHaveBeenCalledTimes(1);
    expect(inner.disable).toHaveBeenCalledTimes(1);
  });

  it('returns exactly the inner active context while no resolver is registered, or none answers', () => {
    expect(globalSlot<{ parentResolvers: unknown[] }>().parentResolvers).toEqual([]);
    const current = ROOT_CONTEXT.setValue(KEY, 'inner');
    const inner = recordingManager(current);
    const manager = sightlineContextManager(inner);
    expect(manager.active()).toBe(current);
    register(() => undefined);
    expect(manager.active()).toBe(current);
    expect(inner.active).toHaveBeenCalledTimes(2);
  });

  it("answers the resolver's span, keeping the inner context's values, and hands resolvers the inner context", () => {
    const telemetry = setupTestTelemetry() as unknown as TestTelemetry<never>;
    cleanups.push(() => telemetry.shutdown());
    const run = trace.getTracer('test').startSpan('execute_tool lookup');
    const seen: Context[] = [];
    register((active) => {
      seen.push(active);
      return trace.setSpan(active, run);
    });
    const current = ROOT_CONTEXT.setValue(KEY, 'tags');
    const manager = sightlineContextManager(recordingManager(current));
    const resolved = manager.active();
    expect(trace.getSpan(resolved)).toBe(run);
    expect(resolved.getValue(KEY)).toBe('tags');
    expect(seen).toEqual([current]);
    run.end();
  });

  it('does not recurse when a resolver reads context.active() through it', () => {
    const manager = sightlineContextManager(new AsyncLocalStorageContextManager());
    installGlobally(manager);
    let calls = 0;
    register(() => {
      calls++;
      return context.active(); // back into the manager: must get the plain inner context
    });
    const ctx = ROOT_CONTEXT.setValue(KEY, 'outer');
    context.with(ctx, () => {
      expect(context.active().getValue(KEY)).toBe('outer');
      expect(context.active().getValue(KEY)).toBe('outer');
    });
    expect(calls).toBe(2);
  });

  it("parents spans that other code starts from context.active() to the resolver's run, and the newer active span wins", () => {
    // Installed before init, which then leaves the context manager in place.
    installGlobally(sightlineContextManager());
    const telemetry = setupTestTelemetry() as unknown as TestTelemetry<never>;
    cleanups.push(() => telemetry.shutdown());
    const tracer = trace.getTracer('foreign');
    let current: Span | undefined;
    register((active) => (current ? trace.setSpan(active, current) : undefined));

    tracer.startActiveSpan('request', (request) => {
      current = tracer.startSpan('execute_tool lookup'); // opened by a callback, never made active
      const client = tracer.startSpan('GET'); // a foreign instrumentation reading context.active()
      context.with(trace.setSpan(context.active(), client), () => tracer.startSpan('inside GET').end());
      client.end();
      current.end();
      current = undefined;
      tracer.startSpan('after the run').end();
      request.end();
    });

    const spans = telemetry.spans();
    const byName = (name: string) => spans.find((span) => span.name === name)!;
    const parentName = (name: string) => spans.find((span) => span.spanContext().spanId === byName(name).parentSpanContext?.spanId)?.name;
    expect(parentName('execute_tool lookup')).toBe('request');
    expect(parentName('GET')).toBe('execute_tool lookup');
    expect(parentName('inside GET')).toBe('GET');
    expect(parentName('after the run')).toBe('request');
    expect(new Set(spans.map((span) => span.spanContext().traceId)).size).toBe(1);
  });
});
