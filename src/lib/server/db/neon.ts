import { Client, Pool } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-serverless';
import { migrate } from 'drizzle-orm/neon-serverless/migrator';
import ws from 'ws';
import { migrateWithLock, redactUrl } from './migrations';
import * as schema from './schema';
import type { DatabaseHandle } from './types';

type ClientSettings = Client['neonConfig'];

/**
 * Settings for a self-hosted WebSocket→TCP proxy in front of plain PostgreSQL (tests, local runs):
 * no TLS anywhere, and no pipelined cleartext password, which SCRAM authentication rejects.
 * `coalesceWrites` adds ~1 ms per round trip and only pays off over real network latency.
 */
function localProxySettings(proxy: string): Partial<ClientSettings> {
  return {
    wsProxy: (host, port) => `${proxy}/v2?address=${host}:${port}`,
    useSecureWebSocket: false,
    pipelineTLS: false,
    pipelineConnect: false,
    coalesceWrites: false
  };
}

/** The driver's settings are global by default; a Client subclass keeps them to this pool. */
function poolClientWith(settings: Partial<ClientSettings>): typeof Client {
  return class ConfiguredClient extends Client {
    constructor(...args: ConstructorParameters<typeof Client>) {
      super(...args);
      Object.assign(this.neonConfig, settings);
    }
  };
}

/** Neon through `@neondatabase/serverless` over WebSocket, so interactive transactions work. */
export async function openNeon(
  database: { url: string; neonLocalProxy?: string },
  migrationsFolder: string
): Promise<DatabaseHandle> {
  const pool = new Pool({ connectionString: database.url });
  pool.Client = poolClientWith({
    webSocketConstructor: ws,
    ...(database.neonLocalProxy && localProxySettings(database.neonLocalProxy))
  });
  // An idle client whose server went away is discarded by the pool; without a listener it would crash the process.
  pool.on('error', () => {});
  try {
    await migrateWithLock(
      () => pool.connect(),
      (client) => migrate(drizzle({ client, schema }), { migrationsFolder })
    );
  } catch (error) {
    await pool.end();
    throw new Error(`Could not open the Neon database ${redactUrl(database.url)}: ${(error as Error).message}`, {
      cause: error
    });
  }
  return { db: drizzle({ client: pool, schema }), kind: 'neon', close: () => pool.end() };
}
