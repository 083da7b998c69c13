// Test helpers for what happens to processes: the children a stack started, killing a whole tree without warning.
import { execFileSync } from 'node:child_process';

/** Direct children of `pid` (the stack's helper processes: Azurite, the Cosmos emulator). */
export function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILL to a process and its children at once: nothing gets to save, flush or say goodbye. */
export function killTree(pid: number): number[] {
  const pids = [pid, ...childrenOf(pid)];
  for (const p of pids) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return pids;
}
