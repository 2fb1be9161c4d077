import { join } from 'node:path';
import { INSTALL_ROOT } from '../install-root';

/** The committed migrations, shipped beside the package; every driver applies the same folder at start. */
export function defaultMigrationsFolder(): string {
  return join(INSTALL_ROOT, 'drizzle');
}

/** Arbitrary but fixed: every Atelier instance contends for the same advisory lock. */
const MIGRATION_LOCK_KEY = 4_280_517;

type SessionClient = {
  query(text: string, values: unknown[]): Promise<unknown>;
  release(destroy?: boolean): void;
};

/**
 * Runs migrations on one pooled session holding a PostgreSQL advisory lock, so app instances starting
 * together against a shared database migrate one after another instead of racing on the same DDL.
 */
export async function migrateWithLock<Client extends SessionClient>(
  connect: () => Promise<Client>,
  migrateOn: (client: Client) => Promise<void>
): Promise<void> {
  const client = await connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migrateOn(client);
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    client.release();
  } catch (error) {
    // Destroying the session also drops the advisory lock.
    client.release(true);
    throw error;
  }
}

/** `postgres://user:secret@host/db` → `postgres://user@host/db`, for error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparseable database URL)';
  }
}
