import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '$lib/server/config';
import type { ImageProviderV1 } from '$lib/server/providers/types';
import { assembleDeps, type Deps } from '$lib/server/services/deps';
import { ensureLocalUser, type Actor } from '$lib/server/services/users';
import { createTestDatabase } from './database';

export type TestDeps = Deps & { actor: Actor; storageRoot: string; close(): Promise<void> };

/**
 * Real dependencies for a test: a migrated database (PGlite snapshot, or real PostgreSQL through the
 * Neon driver in the `postgres` project), a temporary image folder, and the given providers.
 */
export async function createTestDeps(
  options: { providers?: ImageProviderV1[]; now?: () => Date } = {}
): Promise<TestDeps> {
  const storageRoot = await mkdtemp(join(tmpdir(), 'atelier-images-'));
  const config = parseConfig({ IMAGE_STORAGE_PATH: storageRoot, LOG_LEVEL: 'silent' });
  const deps = assembleDeps(config, await createTestDatabase(), { providers: options.providers, clock: options.now });
  return {
    ...deps,
    actor: await ensureLocalUser(deps),
    storageRoot,
    async close() {
      await deps.close();
      await rm(storageRoot, { recursive: true, force: true });
    }
  };
}
