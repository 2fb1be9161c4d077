import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type PgliteLock = { readonly path: string; release(): void };

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolderPid(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function tryCreateLock(lockPath: string): boolean {
  try {
    writeFileSync(lockPath, `${process.pid}\n`, { flag: 'wx' });
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
 * PGlite corrupts its data dir when two processes open it, so `<dataDir>.lock` holds the owner's pid.
 * A lock whose process is gone (crash, kill -9) is taken over; the lock is removed on release and at exit.
 */
export function acquirePgliteLock(dataDir: string): PgliteLock {
  const path = `${resolve(dataDir)}.lock`;
  while (!tryCreateLock(path)) {
    const holder = readHolderPid(path);
    if (holder !== undefined && isProcessAlive(holder)) throw inUseError(dataDir, holder);
    rmSync(path, { force: true });
  }

  const release = () => {
    process.off('exit', release);
    if (readHolderPid(path) === process.pid) rmSync(path, { force: true });
  };
  process.on('exit', release);
  return { path, release };
}
