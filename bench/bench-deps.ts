import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActorCaller } from '$lib/server/api';
import { parseConfig } from '$lib/server/config';
import { openDatabase } from '$lib/server/db/client';
import type { DatabaseHandle } from '$lib/server/db/types';
import type { ImageProviderV1 } from '$lib/server/providers/types';
import { assembleDeps } from '$lib/server/services/deps';
import { createTestUser } from '../tests/support/test-users';

/**
 * Real dependencies on a database (default: an in-memory PGlite) and a temporary image folder, plus a caller
 * acting as an admin without rate limits.
 */
export async function createBenchApi(provider: ImageProviderV1, database?: DatabaseHandle) {
  const storageRoot = await mkdtemp(join(tmpdir(), 'atelier-bench-'));
  const config = parseConfig({ IMAGE_STORAGE_PATH: storageRoot, LOG_LEVEL: 'silent' });
  const deps = assembleDeps(config, database ?? (await openDatabase({ kind: 'pglite', dataDir: 'memory://' })), {
    providers: [provider]
  });
  // The bench measures the work of a call, not the per-minute limits (which would refuse after 30) nor the daily budget.
  const actor = await createTestUser(deps, {
    role: 'admin',
    policy: { generatePerMinute: 1_000_000, requestsPerMinute: 1_000_000, dailyBudgetMicros: 1_000_000_000_000 }
  });
  return {
    deps,
    actor,
    api: createActorCaller(deps, actor, { requestId: 'bench' }),
    async close() {
      await deps.close();
      await rm(storageRoot, { recursive: true, force: true });
    }
  };
}
