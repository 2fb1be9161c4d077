import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '$lib/server/config';
import type { RateLimiter } from '$lib/server/limits';
import type { JobNotifier } from '$lib/server/providers/jobs';
import type { ImageProviderV1 } from '$lib/server/providers/types';
import { assembleDeps, type Deps } from '$lib/server/services/deps';
import type { Actor } from '$lib/server/services/users';
import { createTestDatabase } from './database';
import { createTestUser } from './test-users';

export type TestDeps = Deps & { actor: Actor; storageRoot: string; close(): Promise<void> };

/**
 * Real dependencies for a test: a migrated database (PGlite snapshot, or real PostgreSQL through the
 * Neon driver in the `postgres` project), a temporary image folder, and the given providers.
 */
export async function createTestDeps(
  options: {
    providers?: ImageProviderV1[];
    jobs?: JobNotifier;
    now?: () => Date;
    limiter?: RateLimiter;
    /** More environment, e.g. provider keys and base URLs pointing at fakes. */
    env?: Record<string, string>;
  } = {}
): Promise<TestDeps> {
  const storageRoot = await mkdtemp(join(tmpdir(), 'atelier-images-'));
  const config = parseConfig({ IMAGE_STORAGE_PATH: storageRoot, LOG_LEVEL: 'silent', ...options.env });
  const deps = assembleDeps(config, await createTestDatabase(), {
    providers: options.providers,
    jobs: options.jobs,
    clock: options.now,
    limiter: options.limiter
  });
  return {
    ...deps,
    actor: await createTestUser(deps, { role: 'admin' }),
    storageRoot,
    async close() {
      await deps.close();
      await rm(storageRoot, { recursive: true, force: true });
    }
  };
}
