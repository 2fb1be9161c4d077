import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquirePgliteLock, processStartTime } from './pglite-lock';

function startIdleProcess(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
}

async function pidOfExitedProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  if (child.pid === undefined) throw new Error('the child process did not start');
  return child.pid;
}

describe(acquirePgliteLock.name, () => {
  let folder: string;
  let dataDir: string;
  let lockPath: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'atelier-lock-'));
    dataDir = join(folder, 'pglite');
    lockPath = `${dataDir}.lock`;
  });

  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('should write the pid and start time beside the data dir and remove the file on release', async () => {
    const sut = acquirePgliteLock(dataDir);

    expect((await readFile(lockPath, 'utf8')).trim()).toBe(`${process.pid} ${processStartTime(process.pid)}`);
    sut.release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('should refuse a data dir held by another live process, naming it and the ways out', async () => {
    const other = startIdleProcess();
    try {
      const held = `${other.pid} ${processStartTime(other.pid!)}`;
      await writeFile(lockPath, `${held}\n`);

      expect(() => acquirePgliteLock(dataDir)).toThrow(
        new RegExp(
          `in use by process ${other.pid}.*stop the other Atelier process or use DATABASE_URL / the HTTP MCP endpoint at /mcp`
        )
      );
      expect((await readFile(lockPath, 'utf8')).trim()).toBe(held);
    } finally {
      other.kill();
    }
  });

  it('should refuse a second open in the same process', () => {
    const first = acquirePgliteLock(dataDir);
    try {
      expect(() => acquirePgliteLock(dataDir)).toThrow(/already open in this process/);
    } finally {
      first.release();
    }
  });

  it('should take over a lock left by a process that is gone', async () => {
    await writeFile(lockPath, `${await pidOfExitedProcess()}\n`);

    const sut = acquirePgliteLock(dataDir);

    expect((await readFile(lockPath, 'utf8')).trim()).toBe(`${process.pid} ${processStartTime(process.pid)}`);
    sut.release();
  });

  describe.runIf(processStartTime(process.pid) !== undefined)('where /proc gives start times', () => {
    it('should take over a lock with its own pid but another start time (pid 1 after a container restart)', async () => {
      await writeFile(lockPath, `${process.pid} 1\n`);

      const sut = acquirePgliteLock(dataDir);

      expect((await readFile(lockPath, 'utf8')).trim()).toBe(`${process.pid} ${processStartTime(process.pid)}`);
      sut.release();
    });

    it('should take over a pid-only lock with its own pid, left by an earlier Atelier', async () => {
      await writeFile(lockPath, `${process.pid}\n`);

      const sut = acquirePgliteLock(dataDir);

      sut.release();
      expect(existsSync(lockPath)).toBe(false);
    });

    it('should take over a lock whose pid now belongs to another process started later', async () => {
      const other = startIdleProcess();
      try {
        await writeFile(lockPath, `${other.pid} 1\n`);

        const sut = acquirePgliteLock(dataDir);

        sut.release();
        expect(existsSync(lockPath)).toBe(false);
      } finally {
        other.kill();
      }
    });
  });

  it('should leave a lock alone on release once another process has taken it over', async () => {
    const sut = acquirePgliteLock(dataDir);
    await writeFile(lockPath, '999999999\n');

    sut.release();

    expect(existsSync(lockPath)).toBe(true);
  });
});
