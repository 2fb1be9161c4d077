import type { Config } from '../config';
import { defaultMigrationsFolder } from './migrations';
import { openNeon } from './neon';
import { openNodePostgres } from './node-postgres';
import { openPglite } from './pglite';
import type { DatabaseHandle } from './types';

export type OpenDatabaseOptions = {
  /** A tarball from `createPgliteSnapshot` to start an embedded database from (tests). */
  pgliteSnapshot?: Blob;
  /** Defaults to the install's `drizzle/`. */
  migrationsFolder?: string;
};

/**
 * Opens the configured database (PGlite, Neon over WebSocket, or node-postgres) and applies the
 * migrations in `drizzle/`, the same on all three.
 */
export async function openDatabase(
  database: Config['database'],
  options: OpenDatabaseOptions = {}
): Promise<DatabaseHandle> {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  switch (database.kind) {
    case 'pglite':
      return openPglite(database.dataDir, { migrationsFolder, snapshot: options.pgliteSnapshot });
    case 'neon':
      return openNeon(database, migrationsFolder);
    case 'postgres':
      return openNodePostgres(database.url, migrationsFolder);
  }
}
