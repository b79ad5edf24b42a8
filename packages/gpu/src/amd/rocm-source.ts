import { execFile, type ChildProcess } from 'node:child_process';
import { semconv } from '@sightline/core/instrumentation';
import type { SamplerHealth } from '../health.js';
import type { SnapshotStore } from '../snapshot-store.js';
import { firstOutcomeLatch, spawnFailureOutcome, type GpuSource, type SourceSettings } from '../source.js';
import { parseRocmJson, ROCM_ARGUMENTS } from './rocm-parse.js';

const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
const STOP_GIVE_UP_MS = 2000;

type PollResult = { kind: 'ok' } | { kind: 'spawn_failed'; error: NodeJS.ErrnoException } | { kind: 'failed'; reason: 'exited' | 'watchdog'; detail: string };

/**
 * rocm-smi has no streaming mode, so it is polled: one short process per
 * interval, never two at once, killed if it runs past the watchdog. A failed
 * poll is retried with the same capped backoff as a crashed nvidia-smi.
 */
export function startRocmSource(settings: SourceSettings, store: SnapshotStore, health: SamplerHealth): GpuSource {
  const first = firstOutcomeLatch(settings.watchdogMs + settings.intervalMs);
  let inFlight: ChildProcess | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let gone = false;
  let failures = 0;

  const poll = (): Promise<PollResult> =>
    new Promise((resolve) => {
      const child = execFile(
        settings.file,
        [...settings.leadingArgs, ...ROCM_ARGUMENTS],
        { timeout: settings.watchdogMs, killSignal: 'SIGKILL', maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true },
        (error, stdout) => {
          inFlight = undefined;
          const failure = error as (NodeJS.ErrnoException & { killed?: boolean }) | null;
          if (failure?.code === 'ENOENT' || failure?.code === 'EACCES') return resolve({ kind: 'spawn_failed', error: failure });
          if (failure) return resolve({ kind: 'failed', reason: failure.killed ? 'watchdog' : 'exited', detail: failure.message });
          resolve(ingest(stdout) ? { kind: 'ok' } : { kind: 'failed', reason: 'exited', detail: 'no parseable GPU in the output' });
        },
      );
      child.unref();
      inFlight = child;
    });

  const ingest = (stdout: string): boolean => {
    // rocm-smi may print warnings around the JSON document.
    const parsed = parseRocmJson(stdout.slice(stdout.indexOf('{'), stdout.lastIndexOf('}') + 1));
    if (!parsed) {
      health.skippedLine(stdout);
      return false;
    }
    for (let index = 0; index < parsed.skipped; index++) health.skippedLine(stdout);
    for (const reading of parsed.readings) store.update(reading);
    return parsed.readings.length > 0;
  };

  const cycle = async (): Promise<void> => {
    timer = undefined;
    const startedAt = performance.now();
    const result = await poll();
    if (stopped) return;
    let delayMs = Math.max(0, settings.intervalMs - (performance.now() - startedAt));
    if (result.kind === 'ok') {
      failures = 0;
      first.settle({ kind: 'sampling' });
    } else if (result.kind === 'spawn_failed') {
      gone = true;
      if (first.settled()) health.unavailable(semconv.REASON_TOOL_NOT_FOUND, result.error.message);
      return first.settle(spawnFailureOutcome(result.error));
    } else if (!first.settled() && result.reason === 'exited') {
      gone = true;
      return first.settle({ kind: 'unavailable', reason: semconv.REASON_TOOL_FAILED, detail: result.detail });
    } else {
      first.settle({ kind: 'sampling' });
      delayMs = Math.min(settings.restartDelayMs * 2 ** failures, settings.maxRestartDelayMs);
      const reason = result.reason === 'watchdog' ? semconv.REASON_WATCHDOG : semconv.REASON_TOOL_EXITED;
      health.restarted(reason, `${result.detail}; retrying in ${delayMs} ms`);
      failures++;
    }
    timer = setTimeout(() => void cycle(), delayMs);
    timer.unref();
  };
  void cycle();

  return {
    firstOutcome: first.promise,
    state: () => (gone ? 'unavailable' : failures > 0 ? 'restarting' : 'running'),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const child = inFlight;
      if (child && child.exitCode === null && child.signalCode === null) {
        let giveUp: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
          // A process stuck in the driver must not block stop() forever.
          giveUp = setTimeout(resolve, STOP_GIVE_UP_MS);
        });
        clearTimeout(giveUp);
      }
    },
  };
}
