import { semconv } from '@sightline/core/instrumentation';
import type { SamplerHealth } from '../health.js';
import type { SnapshotStore } from '../snapshot-store.js';
import { firstOutcomeLatch, spawnFailureOutcome, type GpuSource, type SourceSettings } from '../source.js';
import { SupervisedProcess } from '../supervised-process.js';
import { nvidiaArguments, parseNvidiaLine } from './query.js';

/**
 * nvidia-smi as one long-lived `-lms` process whose stdout is parsed as a
 * stream: a line per GPU per interval, no process per sample.
 */
export function startNvidiaSource(settings: SourceSettings, store: SnapshotStore, health: SamplerHealth): GpuSource {
  const first = firstOutcomeLatch(settings.watchdogMs);
  let sampled = false;
  let gone = false;

  const tool: SupervisedProcess = new SupervisedProcess({
    file: settings.file,
    args: [...settings.leadingArgs, ...nvidiaArguments(settings.intervalMs)],
    watchdogMs: settings.watchdogMs,
    restartDelayMs: settings.restartDelayMs,
    maxRestartDelayMs: settings.maxRestartDelayMs,
    onLine(line) {
      if (line.trim() === '') return;
      const reading = parseNvidiaLine(line);
      if (!reading) return health.skippedLine(line);
      store.update(reading);
      tool.markHealthy();
      sampled = true;
      first.settle({ kind: 'sampling' });
    },
    onDiscardedLine: () => health.skippedLine('(an unterminated or overlong line)'),
    onSpawnFailure(error) {
      gone = true;
      if (first.settled()) health.unavailable(semconv.REASON_TOOL_NOT_FOUND, error.message);
      first.settle(spawnFailureOutcome(error));
    },
    onEnded(reason, detail, delayMs) {
      // nvidia-smi without a working driver prints an error and exits: that is "no GPU", not a crash loop.
      if (!sampled && !first.settled() && reason === semconv.REASON_TOOL_EXITED) {
        gone = true;
        first.settle({ kind: 'unavailable', reason: semconv.REASON_TOOL_FAILED, detail });
        return false;
      }
      first.settle({ kind: 'sampling' });
      health.restarted(reason, `${detail}; restarting in ${delayMs} ms`);
      return true;
    },
  });
  tool.start();

  return {
    firstOutcome: first.promise,
    state: () => (gone ? 'unavailable' : tool.waitingToRestart ? 'restarting' : sampled ? 'running' : 'no_readings'),
    stop: () => tool.stop(),
  };
}
