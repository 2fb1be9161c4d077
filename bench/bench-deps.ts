import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCaller } from '$lib/server/api';
import { parseConfig } from '$lib/server/config';
import { openDatabase } from '$lib/server/db/client';
import type { ImageProviderV1 } from '$lib/server/providers/types';
import { assembleDeps } from '$lib/server/services/deps';
import { ensureLocalUser } from '$lib/server/services/users';

/** Real dependencies on an in-memory PGlite and a temporary image folder, plus a caller acting as the local user. */
export async function createBenchApi(provider: ImageProviderV1) {
  const storageRoot = await mkdtemp(join(tmpdir(), 'atelier-bench-'));
  const config = parseConfig({ IMAGE_STORAGE_PATH: storageRoot, LOG_LEVEL: 'silent' });
  const deps = assembleDeps(config, await openDatabase({ kind: 'pglite', dataDir: 'memory://' }), {
    providers: [provider]
  });
  const actor = await ensureLocalUser(deps);
  return {
    deps,
    actor,
    api: createCaller({ deps, user: actor, requestId: 'bench' }),
    async close() {
      await deps.close();
      await rm(storageRoot, { recursive: true, force: true });
    }
  };
}
