import { spawn, type ChildProcess } from 'node:child_process';
import { killGroup, OWN_PROCESS_GROUP } from './process-group.js';

export type RunResult =
  | { kind: 'ok'; stdout: string }
  | { kind: 'spawn_failed'; error: NodeJS.ErrnoException }
  | { kind: 'failed'; reason: 'exited' | 'watchdog'; detail: string };

export interface RunOnce {
  readonly child: ChildProcess;
  readonly result: Promise<RunResult>;
}

/**
 * Runs a polled tool (rocm-smi) to completion in its own process group, as
 * `execFile` would, except that the timeout and the output cap kill the whole
 * group: `execFile` kills only its direct child, which orphans a wrapper's.
 * The group is swept once the leader is done, for a child that outlived it.
 */
export function runOnce(file: string, args: readonly string[], timeoutMs: number, maxOutputBytes: number): RunOnce {
  const child = spawn(file, [...args], { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, ...OWN_PROCESS_GROUP });
  const result = new Promise<RunResult>((resolve) => {
    let stdout = '';
    let stderr = '';
    let killedFor: 'watchdog' | 'overflow' | undefined;
    const kill = (why: 'watchdog' | 'overflow'): void => {
      killedFor ??= why;
      killGroup(child, 'SIGKILL');
    };
    const timer = setTimeout(() => kill('watchdog'), timeoutMs);
    timer.unref();
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.length > maxOutputBytes) kill('overflow');
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-300);
    });
    let spawned = false;
    child.once('spawn', () => {
      spawned = true;
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (spawned) return; // a failed kill; 'close' still reports the run
      clearTimeout(timer);
      resolve({ kind: 'spawn_failed', error });
    });
    // 'close', not 'exit': the output is complete only once every pipe has closed.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
      if (killedFor === 'watchdog') return resolve({ kind: 'failed', reason: 'watchdog', detail: `no result within ${timeoutMs} ms` });
      if (killedFor === 'overflow')
        return resolve({ kind: 'failed', reason: 'exited', detail: `more than ${maxOutputBytes} bytes of output` });
      if (code === 0) return resolve({ kind: 'ok', stdout });
      resolve({
        kind: 'failed',
        reason: 'exited',
        detail: `code ${code ?? 'none'}, signal ${signal ?? 'none'}${stderr ? `: ${stderr.trim()}` : ''}`,
      });
    });
  });
  // Polling is a background concern: it must never hold the event loop open.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as unknown as { unref?(): void }).unref?.();
  return { child, result };
}
