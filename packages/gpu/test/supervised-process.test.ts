import { afterEach, describe, expect, it, vi } from 'vitest';
import { SupervisedProcess, type RestartReason } from '../src/supervised-process.js';
import { isAlive } from './helpers.js';

let running: SupervisedProcess | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

function supervise(script: string, overrides: { watchdogMs?: number } = {}) {
  const ends: { reason: RestartReason; delayMs: number }[] = [];
  const lines: string[] = [];
  running = new SupervisedProcess({
    file: process.execPath,
    args: ['-e', script],
    watchdogMs: overrides.watchdogMs ?? 10_000,
    restartDelayMs: 40,
    maxRestartDelayMs: 160,
    onLine: (line) => lines.push(line),
    onDiscardedLine: () => {},
    onSpawnFailure: () => {},
    onEnded: (reason, _detail, delayMs) => {
      ends.push({ reason, delayMs });
      return true;
    },
  });
  running.start();
  return { ends, lines, supervisor: running };
}

describe('supervised tool process', () => {
  it('restarts a crashing tool with exponential backoff capped at the maximum', async () => {
    const { ends } = supervise('process.exit(3)');
    await vi.waitFor(() => expect(ends.length).toBeGreaterThanOrEqual(6), { timeout: 15_000, interval: 20 });
    expect(ends.slice(0, 6)).toEqual([40, 80, 160, 160, 160, 160].map((delayMs) => ({ reason: 'exited', delayMs })));
  });

  it('kills a silent tool with SIGKILL when the watchdog fires, even if it ignores SIGTERM', async () => {
    const { ends, lines, supervisor } = supervise("process.on('SIGTERM', () => {}); console.log('hello'); setInterval(() => {}, 1e6)", {
      watchdogMs: 1500,
    });
    await vi.waitFor(() => expect(ends.length).toBeGreaterThanOrEqual(1), { timeout: 5000, interval: 20 });
    expect(ends[0]?.reason).toBe('watchdog');
    expect(lines[0]).toBe('hello');
    await vi.waitFor(() => expect(supervisor.pid).toBeDefined(), { timeout: 5000, interval: 20 });
    const pid = supervisor.pid!;
    await supervisor.stop();
    expect(isAlive(pid)).toBe(false);
  });
});
