import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { acquirePgliteLock, type PgliteLock } from './pglite-lock';
import * as schema from './schema';
import type { DatabaseHandle } from './types';

const IN_MEMORY_PREFIX = 'memory://';

async function createMigratedPglite(dataDir: string, migrationsFolder: string, snapshot?: Blob): Promise<PGlite> {
  const client = await PGlite.create(dataDir, snapshot ? { loadDataDir: snapshot } : {});
  try {
    await migrate(drizzle({ client, schema }), { migrationsFolder });
    return client;
  } catch (error) {
    await client.close();
    throw error;
  }
}

/**
 * The embedded database: a folder on disk (one process at a time, see `acquirePgliteLock`) or
 * `memory://`. A `snapshot` from `createPgliteSnapshot` skips the slow first initialisation.
 */
export async function openPglite(
  dataDir: string,
  options: { migrationsFolder: string; snapshot?: Blob }
): Promise<DatabaseHandle> {
  let lock: PgliteLock | undefined;
  if (!dataDir.startsWith(IN_MEMORY_PREFIX)) {
    await mkdir(dataDir, { recursive: true });
    lock = acquirePgliteLock(dataDir);
  }
  let client: PGlite;
  try {
    client = await createMigratedPglite(dataDir, options.migrationsFolder, options.snapshot);
  } catch (error) {
    lock?.release();
    throw error;
  }
  return {
    db: drizzle({ client, schema }),
    kind: 'pglite',
    async close() {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    }
  };
}

/**
 * A migrated, empty database as an uncompressed tarball for `openPglite(…, { snapshot })`.
 * Creating a PGlite costs seconds and most of a gigabyte; loading this costs far less.
 */
export async function createPgliteSnapshot(migrationsFolder: string): Promise<Blob> {
  const client = await createMigratedPglite(IN_MEMORY_PREFIX, migrationsFolder);
  try {
    return await client.dumpDataDir('none');
  } finally {
    await client.close();
  }
}
