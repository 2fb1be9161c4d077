import type { Config } from '../config';
import { openDatabase } from '../db/client';
import type { Db, DatabaseKind } from '../db/types';
import { createLogger, type Logger } from '../log';
import { createLocalProvider } from '../providers/local';
import { createProviderRegistry, type ProviderRegistry } from '../providers/registry';
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

/** Builds the process's dependencies from configuration: opens (and migrates) the database. */
export async function createDeps(config: Config): Promise<OwnedDeps> {
  const database = await openDatabase(config.database);
  return {
    config,
    db: database.db,
    databaseKind: database.kind,
    providers: createProviderRegistry([createLocalProvider()]),
    storage: createFsBlobStore(config.storage),
    clock: () => new Date(),
    log: createLogger(config.logLevel),
    close: () => database.close()
  };
}
