import type { Config } from '../config';
import { openDatabase } from '../db/client';
import type { DatabaseHandle, DatabaseKind, Db } from '../db/types';
import { createLogger, type Logger } from '../log';
import { createLocalProvider } from '../providers/local';
import { createProviderRegistry, type ProviderRegistry } from '../providers/registry';
import type { ImageProviderV1 } from '../providers/types';
import { createFsBlobStore } from '../storage/fs';
import type { BlobStore } from '../storage/types';

/** Everything a service may depend on. Each service names the part it uses with `Pick<Deps, …>`. */
export type Deps = {
  config: Config;
  db: Db;
  databaseKind: DatabaseKind;
  providers: ProviderRegistry;
  storage: BlobStore;
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
  overrides: { providers?: ImageProviderV1[]; clock?: () => Date } = {}
): OwnedDeps {
  return {
    config,
    db: database.db,
    databaseKind: database.kind,
    providers: createProviderRegistry(overrides.providers ?? [createLocalProvider()]),
    storage: createFsBlobStore(config.storage),
    clock: overrides.clock ?? (() => new Date()),
    log: createLogger(config.logLevel),
    close: () => database.close()
  };
}

/** Builds the process's dependencies from configuration: opens (and migrates) the database. */
export async function createDeps(config: Config): Promise<OwnedDeps> {
  return assembleDeps(config, await openDatabase(config.database));
}
