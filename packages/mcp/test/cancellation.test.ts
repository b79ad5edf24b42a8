import { getEventListeners } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { McpRequestCancelled, untilCancelled } from '../src/cancellation.js';
import { connectionLostSignal } from '../src/connection-loss.js';

const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

describe('untilCancelled', () => {
  it("passes a fast handler's value through and never leaves a listener on the signal", async () => {
    const controller = new AbortController();
    const wrapped = untilCancelled(Promise.resolve('ok'), controller.signal);
    expect(wrapped).toBeInstanceOf(Promise);
    await expect(wrapped).resolves.toBe('ok');
    await nextTurn();
    expect(listeners(controller.signal)).toBe(0);
  });

  it("passes a handler's own error through unchanged", async () => {
    const error = new Error('boom');
    await expect(untilCancelled(Promise.reject(error), new AbortController().signal)).rejects.toBe(error);
  });

  it('rejects when the signal aborts before the next turn, or was aborted already', async () => {
    const early = new AbortController();
    const pending = untilCancelled(new Promise(() => {}), early.signal);
    early.abort();
    await expect(pending).rejects.toBeInstanceOf(McpRequestCancelled);
    await expect(untilCancelled(new Promise(() => {}), AbortSignal.abort())).rejects.toBeInstanceOf(McpRequestCancelled);
  });

  it('listens for a slow handler and stops listening once it settles', async () => {
    const slow = new AbortController();
    const never = untilCancelled(new Promise(() => {}), slow.signal);
    await nextTurn();
    expect(listeners(slow.signal)).toBe(1);
    slow.abort();
    await expect(never).rejects.toBeInstanceOf(McpRequestCancelled);

    const settling = new AbortController();
    let finish!: (value: string) => void;
    const later = untilCancelled(new Promise<string>((resolve) => (finish = resolve)), settling.signal);
    await nextTurn();
    expect(listeners(settling.signal)).toBe(1);
    finish('done');
    await expect(later).resolves.toBe('done');
    expect(listeners(settling.signal)).toBe(0);
  });

  it('leaves non-promise results and missing signals alone', () => {
    const value = { content: [] };
    expect(untilCancelled(value, new AbortController().signal)).toBe(value);
    const promise = Promise.resolve(1);
    expect(untilCancelled(promise, undefined)).toBe(promise);
  });

  it('rejects when the connection is lost, and stops listening to both signals once settled', async () => {
    const request = new AbortController();
    const lost = new AbortController();
    const pending = untilCancelled(new Promise(() => {}), request.signal, lost.signal);
    await nextTurn();
    expect([listeners(request.signal), listeners(lost.signal)]).toEqual([1, 1]);
    lost.abort();
    await expect(pending).rejects.toThrow('the connection was lost');

    const settling = new AbortController();
    const fast = untilCancelled(Promise.resolve('ok'), request.signal, settling.signal);
    await expect(fast).resolves.toBe('ok');
    await nextTurn();
    expect(listeners(settling.signal)).toBe(0);
  });
});

describe('connectionLostSignal', () => {
  it("aborts when a stdio transport's input ends, once per transport; other transports have none", () => {
    const input = new PassThrough();
    const transport = { _stdin: input };
    const signal = connectionLostSignal(transport);
    expect(connectionLostSignal(transport)).toBe(signal);
    expect(signal?.aborted).toBe(false);
    input.emit('end');
    expect(signal?.aborted).toBe(true);
    expect(connectionLostSignal({})).toBeUndefined();
    expect(connectionLostSignal(undefined)).toBeUndefined();
  });
});
