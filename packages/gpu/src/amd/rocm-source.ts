import { semconv } from '@sightline/core/instrumentation';
import { RestartBackoff } from '../backoff.js';
import type { SamplerHealth } from '../health.js';
import { groupGone, killGroup } from '../process-group.js';
import { runOnce, type RunOnce, type RunResult } from '../run-once.js';
import type { SnapshotStore } from '../snapshot-store.js';
import { firstOutcomeLatch, spawnFailureOutcome, type GpuSource, type SourceSettings } from '../source.js';
import { parseRocmJson, ROCM_ARGUMENTS } from './rocm-parse.js';

const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
const STOP_GIVE_UP_MS = 2000;

type PollResult = { kind: 'ok' } | Exclude<RunResult, { kind: 'ok' }>;

/**
 * rocm-smi has no streaming mode, so it is polled: one short process per
 * interval, never two at once, killed if it runs past the watchdog. A failed
 * poll is retried with the same capped backoff as a crashed nvidia-smi.
 */
export function startRocmSource(settings: SourceSettings, store: SnapshotStore, health: SamplerHealth): GpuSource {
  const first = firstOutcomeLatch(settings.watchdogMs + settings.intervalMs);
  let inFlight: RunOnce | undefined;
  let lastRun: RunOnce | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let gone = false;
  let sampled = false;
  const backoff = new RestartBackoff(settings.restartDelayMs, settings.maxRestartDelayMs);

  const poll = async (): Promise<PollResult> => {
    try {
      inFlight = runOnce(settings.file, [...settings.leadingArgs, ...ROCM_ARGUMENTS], settings.watchdogMs, MAX_OUTPUT_BYTES);
    } catch (error) {
      // spawn() throws for arguments it rejects outright (an empty path): the tool cannot run at all.
      return { kind: 'spawn_failed', error: error as NodeJS.ErrnoException };
    }
    const result = await inFlight.result;
    lastRun = inFlight;
    inFlight = undefined;
    if (result.kind !== 'ok') return result;
    return ingest(result.stdout) ? { kind: 'ok' } : { kind: 'failed', reason: 'exited', detail: 'no parseable GPU in the output' };
  };

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
      backoff.reset();
      sampled = true;
      first.settle({ kind: 'sampling' });
    } else if (result.kind === 'spawn_failed') {
      gone = true;
      const outcome = spawnFailureOutcome(result.error);
      if (first.settled() && outcome.kind === 'unavailable') health.unavailable(outcome.reason, outcome.detail);
      return first.settle(outcome);
    } else if (!first.settled() && result.reason === 'exited') {
      gone = true;
      return first.settle({ kind: 'unavailable', reason: semconv.REASON_TOOL_FAILED, detail: result.detail });
    } else {
      first.settle({ kind: 'sampling' });
      delayMs = backoff.next();
      const reason = result.reason === 'watchdog' ? semconv.REASON_WATCHDOG : semconv.REASON_TOOL_EXITED;
      health.restarted(reason, `${result.detail}; retrying in ${delayMs} ms`);
    }
    timer = setTimeout(() => void cycle(), delayMs);
    timer.unref();
  };
  void cycle();

  return {
    firstOutcome: first.promise,
    state: () => (gone ? 'unavailable' : backoff.failing ? 'restarting' : sampled ? 'running' : 'no_readings'),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const run = inFlight;
      if (run) {
        // Even when the leader has exited, a wrapper's child may still hold the pipes: kill the group regardless.
        killGroup(run.child, 'SIGKILL');
        let giveUp: NodeJS.Timeout | undefined;
        // A process stuck in the driver must not block stop() forever.
        await Promise.race([run.result, new Promise((resolve) => (giveUp = setTimeout(resolve, STOP_GIVE_UP_MS)))]);
        clearTimeout(giveUp);
      }
      // A poll that just finished was swept with SIGKILL, which takes effect a moment later.
      const last = run ?? lastRun;
      if (last) await groupGone(last.child, STOP_GIVE_UP_MS);
    },
  };
}
