import { spawn, type ChildProcess } from 'node:child_process';
import { RestartBackoff } from './backoff.js';
import { LineSplitter } from './line-splitter.js';
import { groupGone, killGroup, OWN_PROCESS_GROUP } from './process-group.js';

const MAX_LINE_LENGTH = 4096;
const STOP_GRACE_MS = 1000;

export type RestartReason = 'exited' | 'watchdog';

export interface SupervisedProcessOptions {
  file: string;
  args: readonly string[];
  watchdogMs: number;
  restartDelayMs: number;
  maxRestartDelayMs: number;
  onLine(line: string): void;
  /** An overlong or unterminated line was dropped. */
  onDiscardedLine(): void;
  /** The program could not be started at all (ENOENT, EACCES): no restart follows. */
  onSpawnFailure(error: NodeJS.ErrnoException): void;
  /**
   * The process ended on its own or was killed by the watchdog, and will be
   * restarted after `delayMs`; return false to give up instead.
   */
  onEnded(reason: RestartReason, detail: string, delayMs: number): boolean;
}

/**
 * Keeps one long-lived tool process running: restarts it with capped
 * exponential backoff when it exits, kills and restarts it when it goes quiet
 * (watchdog), and ends it on stop(). The tool runs in its own process group and
 * every kill goes to the whole group, so a wrapper's children (`docker exec`, a
 * shell script) die with it. It never keeps the app alive on its own, and it
 * kills the group if the app exits without calling stop().
 */
export class SupervisedProcess {
  private child: ChildProcess | undefined;
  /** The last run that ended: its group was sent SIGKILL, which takes effect a moment later. */
  private sweptGroup: ChildProcess | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly backoff: RestartBackoff;
  private stopping: Promise<void> | undefined;
  private killedByWatchdog = false;
  private healthy = false;
  private launchedAt = 0;
  private readonly killOnExit = (): void => {
    if (this.child) killGroup(this.child, 'SIGKILL');
  };

  constructor(private readonly options: SupervisedProcessOptions) {
    this.backoff = new RestartBackoff(options.restartDelayMs, options.maxRestartDelayMs);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get waitingToRestart(): boolean {
    return this.restartTimer !== undefined;
  }

  start(): void {
    process.on('exit', this.killOnExit);
    this.launch();
  }

  /**
   * The tool produced good data. If this run also outlives the backoff cap, its
   * crash restarts at the initial delay; a run that crashes sooner keeps
   * backing off, so a tool that dies after every few lines cannot spin.
   */
  markHealthy(): void {
    this.healthy = true;
  }

  stop(): Promise<void> {
    this.stopping ??= this.terminate();
    return this.stopping;
  }

  private launch(): void {
    this.restartTimer = undefined;
    this.killedByWatchdog = false;
    this.healthy = false;
    this.launchedAt = performance.now();
    const child = spawn(this.options.file, [...this.options.args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
      ...OWN_PROCESS_GROUP,
    });
    this.child = child;
    let stderrTail = '';
    let spawned = false;
    const splitter = new LineSplitter(MAX_LINE_LENGTH, this.options.onLine, this.options.onDiscardedLine);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      this.watchdog?.refresh();
      splitter.push(chunk);
    });
    child.stdout?.on('end', () => splitter.end());
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-300);
    });
    child.once('spawn', () => {
      spawned = true;
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (!spawned) this.ended(child, { spawnError: error });
    });
    child.once('exit', (code, signal) => {
      const detail = `code ${code ?? 'none'}, signal ${signal ?? 'none'}${stderrTail ? `: ${stderrTail.trim()}` : ''}`;
      this.ended(child, { detail });
    });
    // Sampling is a background concern: it must never hold the event loop open.
    child.unref();
    for (const stream of [child.stdout, child.stderr]) (stream as unknown as { unref?(): void } | null)?.unref?.();
    this.watchdog = setTimeout(() => {
      this.killedByWatchdog = true;
      killGroup(child, 'SIGKILL');
    }, this.options.watchdogMs);
    this.watchdog.unref();
  }

  private ended(child: ChildProcess, outcome: { spawnError?: NodeJS.ErrnoException; detail?: string }): void {
    if (this.child !== child) return;
    this.child = undefined;
    // The leader is gone, but a wrapper's child may not be (a shell that died of
    // SIGTERM while its nvidia-smi ignores it, or a crashed wrapper): sweep the group.
    killGroup(child, 'SIGKILL');
    this.sweptGroup = child;
    clearTimeout(this.watchdog);
    this.watchdog = undefined;
    if (this.stopping) return;
    const { spawnError } = outcome;
    if (spawnError && (spawnError.code === 'ENOENT' || spawnError.code === 'EACCES')) {
      process.off('exit', this.killOnExit);
      this.options.onSpawnFailure(spawnError);
      return;
    }
    const reason: RestartReason = this.killedByWatchdog ? 'watchdog' : 'exited';
    const detail = spawnError ? String(spawnError) : (outcome.detail ?? '');
    if (this.healthy && performance.now() - this.launchedAt >= this.options.maxRestartDelayMs) this.backoff.reset();
    const delayMs = this.backoff.next();
    if (!this.options.onEnded(reason, detail, delayMs)) {
      process.off('exit', this.killOnExit);
      return;
    }
    this.restartTimer = setTimeout(() => this.launch(), delayMs);
    this.restartTimer.unref();
  }

  private async terminate(): Promise<void> {
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    clearTimeout(this.watchdog);
    process.off('exit', this.killOnExit);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      await this.endGroup(child);
      child.stdout?.destroy();
      child.stderr?.destroy();
    }
    // Called during a restart delay, or right after the leader exited: the swept group may not be dead yet.
    if (this.sweptGroup) await groupGone(this.sweptGroup, STOP_GRACE_MS);
  }

  private async endGroup(child: ChildProcess): Promise<void> {
    let escalate: NodeJS.Timeout | undefined;
    let giveUp: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', () => resolve());
      killGroup(child, 'SIGTERM');
      // A tool that ignores SIGTERM gets SIGKILL; one stuck in the driver even
      // then must not block stop() forever.
      escalate = setTimeout(() => {
        killGroup(child, 'SIGKILL');
        giveUp = setTimeout(resolve, STOP_GRACE_MS);
      }, STOP_GRACE_MS);
    });
    clearTimeout(escalate);
    clearTimeout(giveUp);
    // The leader's exit swept the group with SIGKILL (see ended); wait for its members to be gone.
    await groupGone(child, STOP_GRACE_MS);
  }
}
