import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '$lib/server/config';
import { createLogger } from '$lib/server/log';
import { createLocalProvider } from '$lib/server/providers/local';
import { createProviderRegistry } from '$lib/server/providers/registry';
import type { ImageProviderV1 } from '$lib/server/providers/types';
import type { Deps } from '$lib/server/services/deps';
import { ensureLocalUser, type Actor } from '$lib/server/services/users';
import { createFsBlobStore } from '$lib/server/storage/fs';
import { createTestDatabase } from './database';

export type TestDeps = Deps & { actor: Actor; storageRoot: string; close(): Promise<void> };

/**
 * Real dependencies for a test: a migrated database (PGlite snapshot, or real PostgreSQL through the
 * Neon driver in the `postgres` project), a temporary image folder, and the given providers.
 */
export async function createTestDeps(
  options: { providers?: ImageProviderV1[]; now?: () => Date } = {}
): Promise<TestDeps> {
  const database = await createTestDatabase();
  const storageRoot = await mkdtemp(join(tmpdir(), 'atelier-images-'));
  const config = parseConfig({ IMAGE_STORAGE_PATH: storageRoot, LOG_LEVEL: 'silent' });
  const base = {
    config,
    db: database.db,
    databaseKind: database.kind,
    providers: createProviderRegistry(options.providers ?? [createLocalProvider()]),
    storage: createFsBlobStore(config.storage),
    clock: options.now ?? (() => new Date()),
    log: createLogger('silent')
  };
  return {
    ...base,
    actor: await ensureLocalUser(base),
    storageRoot,
    async close() {
      await database.close();
      await rm(storageRoot, { recursive: true, force: true });
    }
  };
}
