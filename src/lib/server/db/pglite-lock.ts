import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type PgliteLock = { readonly path: string; release(): void };

/**
 * One running process: its pid and, on Linux, its start time (`/proc/<pid>/stat` field 22, clock ticks
 * since boot). A pid alone is not enough: in a container the server is pid 1 on every start.
 */
type ProcessInstance = { pid: number; startTime?: string };

/** Undefined where /proc is absent (macOS, Windows) or the process is gone. */
export function processStartTime(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Field 2 (the command) is in parentheses and may hold spaces: count fields after its closing one.
  const fieldsFromState = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fieldsFromState[22 - 3];
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the process that wrote the lock still runs. Where start times can be read they must match,
 * so a new process that got the old pid (pid 1 again after a container restart) is not taken for it.
 */
function isRunning(holder: ProcessInstance): boolean {
  const current = processStartTime(holder.pid);
  if (current === undefined) return isProcessAlive(holder.pid);
  // A lock without a start time comes from an Atelier that wrote only the pid; it cannot be this process.
  if (holder.startTime === undefined) return holder.pid !== process.pid;
  return holder.startTime === current;
}

function readHolder(lockPath: string): ProcessInstance | undefined {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const [pidText, startTime] = text.trim().split(/\s+/);
  const pid = Number.parseInt(pidText ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? { pid, startTime } : undefined;
}

function tryCreateLock(lockPath: string, owner: ProcessInstance): boolean {
  try {
    writeFileSync(lockPath, `${owner.pid} ${owner.startTime ?? ''}`.trim() + '\n', { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function inUseError(dataDir: string, pid: number): Error {
  if (pid === process.pid) {
    return new Error(
      `The PGlite data dir ${dataDir} is already open in this process (pid ${pid}); open it once and share the handle.`
    );
  }
  return new Error(
    `The PGlite data dir ${dataDir} is in use by process ${pid}. PGlite allows one process at a time: ` +
      'stop the other Atelier process or use DATABASE_URL / the HTTP MCP endpoint at /mcp.'
  );
}

/**
 * PGlite corrupts its data dir when two processes open it, so `<dataDir>.lock` names the owner: its pid
 * and start time. A lock whose process is gone (crash, kill -9) is taken over, also when a new process
 * got its pid; the lock is removed on release and at exit. Processes in different pid namespaces
 * (two containers on one volume) cannot see each other: give each its own data dir.
 */
export function acquirePgliteLock(dataDir: string): PgliteLock {
  const path = `${resolve(dataDir)}.lock`;
  const self: ProcessInstance = { pid: process.pid, startTime: processStartTime(process.pid) };
  while (!tryCreateLock(path, self)) {
    const holder = readHolder(path);
    if (holder !== undefined && isRunning(holder)) throw inUseError(dataDir, holder.pid);
    rmSync(path, { force: true });
  }

  const release = () => {
    process.off('exit', release);
    const holder = readHolder(path);
    if (holder?.pid === self.pid && holder.startTime === self.startTime) rmSync(path, { force: true });
  };
  process.on('exit', release);
  return { path, release };
}
