import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import type { DatabaseHandle } from '../../src/lib/server/db/types';

const useNeon = process.env.ATELIER_TEST_DB === 'neon';

/**
 * True in the `postgres` project when its setup could not start PostgreSQL (never on CI, where the
 * setup fails instead). Guard suites with `describe.skipIf(postgresUnavailable)`.
 */
export const postgresUnavailable: boolean = useNeon && !inject('postgres').available;

async function withAdmin<T>(adminUrl: string, run: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.end();
  }
}

/** A fresh copy of the run's migrated template, opened through the Neon driver and the WebSocket proxy. */
async function createNeonTestDatabase(): Promise<DatabaseHandle> {
  const server = inject('postgres');
  if (!server.available) {
    throw new Error(
      `PostgreSQL is unavailable (${server.reason}); guard the suite with describe.skipIf(postgresUnavailable).`
    );
  }
  const name = `t_${randomBytes(6).toString('hex')}`;
  await withAdmin(server.adminUrl, (admin) =>
    admin.query(`CREATE DATABASE "${name}" TEMPLATE "${server.templateDatabase}"`)
  );
  const url = new URL(server.adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'neon', url: url.toString(), neonLocalProxy: server.neonWsProxy });
  return {
    ...handle,
    async close() {
      await handle.close();
      await withAdmin(server.adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  };
}

async function createPgliteTestDatabase(): Promise<DatabaseHandle> {
  const snapshot = new Blob([await readFile(inject('pgliteSnapshotPath'))]);
  return openDatabase({ kind: 'pglite', dataDir: 'memory://' }, { pgliteSnapshot: snapshot });
}

/**
 * A migrated, empty database of its own: real PostgreSQL through the Neon driver when
 * `ATELIER_TEST_DB=neon` (the `postgres` project), otherwise in-memory PGlite from the run's snapshot.
 */
export function createTestDatabase(): Promise<DatabaseHandle> {
  return useNeon ? createNeonTestDatabase() : createPgliteTestDatabase();
}
