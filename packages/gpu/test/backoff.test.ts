import { describe, expect, it } from 'vitest';
import { RestartBackoff } from '../src/backoff.js';

describe('RestartBackoff', () => {
  it('doubles the delay per failure in a row up to the cap, and starts over once reset', () => {
    const backoff = new RestartBackoff(100, 1000);
    expect(backoff.failing).toBe(false);
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([100, 200, 400, 800, 1000]);
    expect(backoff.failing).toBe(true);
    backoff.reset();
    expect([backoff.failing, backoff.next()]).toEqual([false, 100]);
  });
});
