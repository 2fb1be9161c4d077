import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { migrateWithLock, redactUrl } from './migrations';
import * as schema from './schema';
import type { DatabaseHandle } from './types';

/** A plain PostgreSQL server through node-postgres. */
export async function openNodePostgres(url: string, migrationsFolder: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url });
  // An idle client whose server went away is discarded by the pool; without a listener it would crash the process.
  pool.on('error', () => {});
  try {
    await migrateWithLock(
      () => pool.connect(),
      (client) => migrate(drizzle({ client, schema }), { migrationsFolder })
    );
  } catch (error) {
    await pool.end();
    throw new Error(`Could not open PostgreSQL at ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
  return { db: drizzle({ client: pool, schema }), kind: 'postgres', close: () => pool.end() };
}
