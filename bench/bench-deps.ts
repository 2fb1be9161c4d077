import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCaller } from '$lib/server/api';
import { parseConfig } from '$lib/server/config';
import { openDatabase } from '$lib/server/db/client';
import { createLogger } from '$lib/server/log';
import { createProviderRegistry } from '$lib/server/providers/registry';
import type { ImageProviderV1 } from '$lib/server/providers/types';
import type { Deps } from '$lib/server/services/deps';
import { ensureLocalUser } from '$lib/server/services/users';
import { createFsBlobStore } from '$lib/server/storage/fs';

/** Real dependencies on an in-memory PGlite and a temporary image folder, plus a caller acting as the local user. */
export async function createBenchApi(provider: ImageProviderV1) {
  const storageRoot = await mkdtemp(join(tmpdir(), 'atelier-bench-'));
  const config = parseConfig({ IMAGE_STORAGE_PATH: storageRoot, LOG_LEVEL: 'silent' });
  const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  const deps: Deps = {
    config,
    db: database.db,
    databaseKind: database.kind,
    providers: createProviderRegistry([provider]),
    storage: createFsBlobStore(config.storage),
    clock: () => new Date(),
    log: createLogger('silent')
  };
  const actor = await ensureLocalUser(deps);
  return {
    deps,
    actor,
    api: createCaller({ deps, user: actor, requestId: 'bench' }),
    async close() {
      await database.close();
      await rm(storageRoot, { recursive: true, force: true });
    }
  };
}
