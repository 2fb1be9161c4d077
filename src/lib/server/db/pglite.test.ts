import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { openPglite } from './pglite';
import { users } from './schema';

describe(openPglite.name, () => {
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'atelier-pglite-'));
  });

  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('should create missing folders, hold the lock while open and keep the data after close', async () => {
    const dataDir = join(folder, 'nested', 'pglite');
    const snapshot = new Blob([await readFile(inject('pgliteSnapshotPath'))]);
    const options = { migrationsFolder: 'drizzle', snapshot };

    const sut = await openPglite(dataDir, options);
    await sut.db.insert(users).values({ email: 'kept@example.test', displayName: 'Kept' });
    await expect(openPglite(dataDir, options)).rejects.toThrow(/already open in this process/);
    expect(existsSync(`${dataDir}.lock`)).toBe(true);
    await sut.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);

    const reopened = await openPglite(dataDir, { migrationsFolder: 'drizzle' });
    try {
      expect(await reopened.db.select({ email: users.email }).from(users)).toEqual([{ email: 'kept@example.test' }]);
    } finally {
      await reopened.close();
    }
  });
});
