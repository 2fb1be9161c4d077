import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startNeonWsProxy, type NeonWsProxy } from '../../scripts/neon-ws-proxy';
import { openDatabase } from '../../src/lib/server/db/client';

export type PostgresTestServer =
  | {
      available: true;
      /** Connection URL of the maintenance database `atelier` (role may create databases). */
      adminUrl: string;
      /** Migrated database that `createTestDatabase` copies with `CREATE DATABASE … TEMPLATE`. */
      templateDatabase: string;
      /** host:port of the WebSocket proxy the Neon driver goes through. */
      neonWsProxy: string;
    }
  | { available: false; reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresTestServer;
  }
}

function startPostgres(port: number): string {
  const run = spawnSync('bash', [resolve('scripts/postgres.sh')], {
    env: { ...process.env, PGPORT: String(port) },
    encoding: 'utf8'
  });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(run.stderr.trim() || `scripts/postgres.sh exited with ${run.status}`);
  return run.stdout.trim();
}

async function createTemplate(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const template = await openDatabase({ kind: 'postgres', url: url.toString() });
  await template.close();
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

function warnLoudly(reason: string): void {
  const bar = '!'.repeat(78);
  console.warn(
    `\n${bar}\n  PostgreSQL is unavailable, so the 'postgres' project's suites are SKIPPED.\n  ${reason}\n` +
      `  On CI (CI=true) this fails the run instead.\n${bar}\n`
  );
}

/**
 * Starts the throwaway cluster (scripts/postgres.sh), the Neon WebSocket proxy, and one migrated
 * template database for this run. The template is named per run so parallel runs on one machine
 * don't drop each other's. On CI a missing PostgreSQL fails the run; elsewhere the suites skip.
 */
export default async function setup(project: TestProject) {
  const port = Number(process.env.PGPORT ?? 54329);
  const templateDatabase = `atelier_template_${process.pid}`;
  let adminUrl: string;
  let proxy: NeonWsProxy;
  try {
    adminUrl = startPostgres(port);
    await createTemplate(adminUrl, templateDatabase);
    proxy = await startNeonWsProxy({ allowedPorts: [port] });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI === 'true') throw new Error(`PostgreSQL is required on CI: ${reason}`, { cause: error });
    warnLoudly(reason);
    project.provide('postgres', { available: false, reason });
    return;
  }

  project.provide('postgres', {
    available: true,
    adminUrl,
    templateDatabase,
    neonWsProxy: `127.0.0.1:${proxy.port}`
  });
  return async () => {
    await proxy.close();
    await dropDatabase(adminUrl, templateDatabase);
  };
}
