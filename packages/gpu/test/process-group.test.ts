import { readInternalCounter, semconv } from '@sightline/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { groupAlive, isAlive, isRunning, pidFile, readPids, useGpuTestRun, wrappedFakeCommand, wrapperScript } from './helpers.js';

// The tool behind a wrapper (`docker exec`, a site's script): the wrapper leads the
// process group and records its pid first, then the tool it runs records its own.
const run = useGpuTestRun();
beforeEach(() => {
  // Fresh internal counters per test: they reset when the telemetry shuts down.
  run.telemetry();
});
const restarts = (vendor: string, reason: string) =>
  readInternalCounter(semconv.METRIC_SIGHTLINE_GPU_SAMPLER_RESTARTS, {
    [semconv.ATTR_HW_VENDOR]: vendor,
    [semconv.ATTR_SIGHTLINE_REASON]: reason,
  });
const poll = { timeout: 10_000, interval: 25 };

/**
 * Right after stop(), no process the sampler started (wrapper or tool) still
 * runs; a tool that died after its wrapper is a zombie of init's for a moment,
 * and then gone too.
 */
async function expectNoneLeft(pids: string): Promise<void> {
  expect(readPids(pids).filter(isRunning)).toEqual([]);
  await vi.waitFor(() => expect(readPids(pids).filter(isAlive)).toEqual([]), poll);
}

describe('GPU tool behind a wrapper: every kill goes to the whole process group', () => {
  it('the watchdog kills the wrapper and its hung child, so a restart leaves no orphan', async () => {
    const pids = pidFile();
    const sampler = await run.sampler({
      command: wrappedFakeCommand({ FAKE_SMI_HANG_AFTER_LINES: 2, FAKE_SMI_PID_FILE: pids }),
      intervalMs: 100,
      watchdogMs: 800,
      restartDelayMs: 50,
    });
    await vi.waitFor(() => expect(restarts(semconv.HW_VENDOR_NVIDIA, semconv.REASON_WATCHDOG)).toBeGreaterThanOrEqual(1), poll);
    const [wrapper, tool] = readPids(pids);
    expect([wrapper, tool]).toEqual([expect.any(Number), expect.any(Number)]);
    // The hung tool ignores SIGTERM and was never signalled itself: only the group kill ends it.
    await vi.waitFor(() => expect([isAlive(wrapper!), isRunning(tool!), groupAlive(wrapper!)]).toEqual([false, false, false]), poll);
    await vi.waitFor(() => expect(readPids(pids).length).toBeGreaterThanOrEqual(4), poll);
    await sampler.stop();
    await expectNoneLeft(pids);
  });

  it('stop() leaves no process of the group alive, even a child that ignores SIGTERM', async () => {
    const pids = pidFile();
    const sampler = await run.sampler({
      command: wrappedFakeCommand({ FAKE_SMI_HANG_AFTER_LINES: 2, FAKE_SMI_PID_FILE: pids }),
      intervalMs: 100,
      watchdogMs: 60_000,
    });
    expect(sampler.status()).toBe('running');
    await vi.waitFor(() => expect(readPids(pids)).toHaveLength(2), poll);
    const [wrapper] = readPids(pids);
    await sampler.stop();
    // The wrapper is our child: Node has reaped it, it is not even a zombie.
    expect(isAlive(wrapper!)).toBe(false);
    await expectNoneLeft(pids);
    expect(groupAlive(wrapper!)).toBe(false);
  });

  it('sweeps the group when a wrapper exits and leaves its child running, before restarting', async () => {
    const pids = pidFile();
    const sampler = await run.sampler({
      command: wrappedFakeCommand({ WRAPPER_EXIT_AFTER: 0.8, FAKE_SMI_PID_FILE: pids }),
      intervalMs: 100,
      restartDelayMs: 50,
      maxRestartDelayMs: 100,
    });
    await vi.waitFor(() => expect(restarts(semconv.HW_VENDOR_NVIDIA, semconv.REASON_TOOL_EXITED)).toBeGreaterThanOrEqual(2), poll);
    // The first wrapper exited 1 long ago; its still-streaming child must have gone with it.
    const [wrapper, tool] = readPids(pids);
    await vi.waitFor(() => expect([isAlive(wrapper!), isRunning(tool!)]).toEqual([false, false]), poll);
    await sampler.stop();
    await expectNoneLeft(pids);
  });

  it('stop() in the restart delay right after a sweep waits until the swept group is dead', async () => {
    const pids = pidFile();
    const sampler = await run.sampler({
      command: wrappedFakeCommand({ WRAPPER_EXIT_AFTER: 0.8, FAKE_SMI_PID_FILE: pids }),
      intervalMs: 100,
      restartDelayMs: 60_000,
    });
    // As soon as the restart is counted, the group has just been sent SIGKILL.
    await vi.waitFor(() => expect(restarts(semconv.HW_VENDOR_NVIDIA, semconv.REASON_TOOL_EXITED)).toBe(1), {
      timeout: 10_000,
      interval: 1,
    });
    expect(sampler.status()).toBe('restarting');
    await sampler.stop();
    await expectNoneLeft(pids);
  });

  it('kills a rocm-smi poll that runs past the watchdog together with its whole group', async () => {
    const pids = pidFile();
    const hang = `require('fs').appendFileSync(${JSON.stringify(pids)}, process.pid + '\\n'); process.on('SIGTERM', () => {}); setInterval(() => {}, 1e6)`;
    const sampler = await run.sampler({
      vendor: 'amd',
      command: ['/usr/bin/env', `FAKE_SMI_PID_FILE=${pids}`, wrapperScript(), process.execPath, '-e', hang, '--'],
      intervalMs: 100,
      watchdogMs: 500,
      restartDelayMs: 50,
    });
    await vi.waitFor(() => expect(restarts(semconv.HW_VENDOR_AMD, semconv.REASON_WATCHDOG)).toBeGreaterThanOrEqual(1), poll);
    const [wrapper, tool] = readPids(pids);
    await vi.waitFor(() => expect([isAlive(wrapper!), isRunning(tool!), groupAlive(wrapper!)]).toEqual([false, false, false]), poll);
    await sampler.stop();
    await expectNoneLeft(pids);
  });
});
