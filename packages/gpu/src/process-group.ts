import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

// Windows has no process groups to signal; there the tool is killed alone, as before.
const GROUPS = process.platform !== 'win32';

/**
 * Spawn option that makes the tool the leader of its own process group. A
 * wrapper (`docker exec …`, a shell script around nvidia-smi) has children of
 * its own; killing only the wrapper would orphan them, so every kill goes to
 * the whole group instead.
 */
export const OWN_PROCESS_GROUP = { detached: GROUPS } as const;

/**
 * Sends `signal` to every process of the tool's group, the leader included,
 * even after the leader has exited (a wrapper's child may outlive it). Never
 * throws: a group that is already gone is the goal, not an error.
 */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  const pid = child.pid;
  if (pid === undefined) return;
  if (GROUPS) {
    try {
      process.kill(-pid, signal);
      return;
    } catch {
      // ESRCH: nothing of the group is left. EPERM cannot happen for our own children; fall back anyway.
    }
  }
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}

/**
 * Resolves once no live process of the tool's group is left (the leader is
 * already gone; its children die of the SIGKILL just sent), or after
 * `limitMs`: stop() promises that nothing of the group outlives it, yet must not
 * hang on a process stuck in the driver.
 */
export async function groupGone(child: ChildProcess, limitMs: number): Promise<void> {
  const pid = child.pid;
  if (!GROUPS || pid === undefined) return;
  const deadline = performance.now() + limitMs;
  while (groupHasLiveMember(pid) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

function groupHasLiveMember(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  // kill(0) also finds zombies. A wrapper's child that died after the wrapper is
  // reparented to init, which reaps it in its own time: dead, and not ours to
  // wait for. Linux tells them apart; elsewhere the group counts as live.
  return process.platform === 'linux' ? linuxGroupHasLiveMember(pgid) : true;
}

function linuxGroupHasLiveMember(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return true;
  }
  for (const entry of entries) {
    if (entry.charCodeAt(0) > 57) continue; // not a pid: /proc/self, /proc/sys, ...
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so parse from the last ')'.
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(group) === pgid && state !== 'Z' && state !== 'X') return true;
  }
  return false;
}
