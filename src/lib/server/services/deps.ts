import { randomBytes } from 'node:crypto';
import type { Config } from '../config';
import { openDatabase } from '../db/client';
import type { DatabaseHandle, DatabaseKind, Db } from '../db/types';
import { createRateLimiter, type RateLimiter } from '../limits';
import { createLogger, type Logger } from '../log';
import { createConfiguredAssistant, createConfiguredProviders, registryOptions } from '../providers/configured';
import type { AssistantProvider } from '../providers/assistant';
import { createJobNotifier, type JobNotifier } from '../providers/jobs';
import { createProviderRegistry, type ProviderRegistry } from '../providers/registry';
import type { ImageProviderV1 } from '../providers/types';
import { createFsBlobStore } from '../storage/fs';
import type { BlobStore } from '../storage/types';
import { createAuth, type Auth } from './auth';
import { resolveAuthSecret } from './auth-secret';

/** Everything a service may depend on. Each service names the part it uses with `Pick<Deps, …>`. */
export type Deps = {
  config: Config;
  db: Db;
  databaseKind: DatabaseKind;
  providers: ProviderRegistry;
  /** Claude for prompt enhancement and image analysis; null without ANTHROPIC_API_KEY (the local fallbacks answer). */
  assistant: AssistantProvider | null;
  /** Long vendor jobs finished by webhook, handed to the request waiting for them. */
  jobs: JobNotifier;
  storage: BlobStore;
  limiter: RateLimiter;
  auth: Auth;
  clock: () => Date;
  log: Logger;
};

export type OwnedDeps = Deps & { close(): Promise<void> };

/**
 * Wires the dependencies around an opened database. Tests and benchmarks pass their own database
 * handle and providers; everything else comes from `config`.
 */
export function assembleDeps(
  config: Config,
  database: DatabaseHandle,
  overrides: {
    providers?: ImageProviderV1[];
    assistant?: AssistantProvider | null;
    jobs?: JobNotifier;
    clock?: () => Date;
    limiter?: RateLimiter;
    authSecret?: string;
  } = {}
): OwnedDeps {
  const clock = overrides.clock ?? (() => new Date());
  const log = createLogger(config.logLevel);
  const limiter = overrides.limiter ?? createRateLimiter(config);
  // Without a secret (tests, benchmarks) sessions are signed with a random one: they end with the process.
  const secret = overrides.authSecret ?? randomBytes(32).toString('base64url');
  const jobs = overrides.jobs ?? createJobNotifier();
  const providers = overrides.providers ?? createConfiguredProviders(config, jobs);
  const auth = createAuth({ db: database.db, limiter, log, secret, origins: config.auth.origins, clock });
  // Handled at once: two instances starting together on one database can both try to seed that row, and the
  // loser's failure must not surface as an unhandled rejection; `createDeps` awaits `$context` and reports it.
  const initialised = auth.$context.then(
    () => undefined,
    () => undefined
  );
  return {
    config,
    db: database.db,
    databaseKind: database.kind,
    providers: createProviderRegistry(providers, registryOptions(config)),
    assistant: overrides.assistant === undefined ? createConfiguredAssistant(config, log) : overrides.assistant,
    jobs,
    storage: createFsBlobStore(config.storage),
    limiter,
    auth,
    clock,
    log,
    // better-auth initialises its plugins (the OAuth provider seeds its `/mcp` resource row) in the background.
    close: async () => {
      await initialised;
      await database.close();
    }
  };
}

/** Builds the process's dependencies from configuration: opens (and migrates) the database. */
export async function createDeps(config: Config): Promise<OwnedDeps> {
  const authSecret = await resolveAuthSecret(config.auth);
  const deps = assembleDeps(config, await openDatabase(config.database), { authSecret });
  // A database that refuses the OAuth provider's start-up writes stops the start, not a later sign-in.
  await deps.auth.$context;
  return deps;
}
