import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquirePgliteLock } from './pglite-lock';

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

  it('should write the pid beside the data dir and remove the file on release', async () => {
    const sut = acquirePgliteLock(dataDir);

    expect((await readFile(lockPath, 'utf8')).trim()).toBe(String(process.pid));
    sut.release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('should refuse a data dir held by another live process, naming it and the ways out', async () => {
    const other = startIdleProcess();
    try {
      await writeFile(lockPath, `${other.pid}\n`);

      expect(() => acquirePgliteLock(dataDir)).toThrow(
        new RegExp(
          `in use by process ${other.pid}.*stop the other Atelier process or use DATABASE_URL / the HTTP MCP endpoint at /mcp`
        )
      );
      expect((await readFile(lockPath, 'utf8')).trim()).toBe(String(other.pid));
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

    expect((await readFile(lockPath, 'utf8')).trim()).toBe(String(process.pid));
    sut.release();
  });

  it('should leave a lock alone on release once another process has taken it over', async () => {
    const sut = acquirePgliteLock(dataDir);
    await writeFile(lockPath, '999999999\n');

    sut.release();

    expect(existsSync(lockPath)).toBe(true);
  });
});
