import { sql } from 'drizzle-orm';
import type { Deps } from './deps';
import { checkProviders, type ProviderHealth } from './provider-health';

export type HealthReport = {
  status: 'ok' | 'degraded';
  database: { kind: string; ok: boolean; latencyMs: number; error?: string };
  providers: ProviderHealth[];
  checkedAt: string;
};

/** Liveness of the parts this instance needs; makes no paid calls. */
export async function checkHealth(
  deps: Pick<Deps, 'db' | 'databaseKind' | 'providers' | 'clock'>
): Promise<HealthReport> {
  const started = performance.now();
  let database: HealthReport['database'];
  try {
    await deps.db.execute(sql`select 1`);
    database = { kind: deps.databaseKind, ok: true, latencyMs: round(performance.now() - started) };
  } catch (error) {
    database = {
      kind: deps.databaseKind,
      ok: false,
      latencyMs: round(performance.now() - started),
      error: error instanceof Error ? error.message : 'unknown error'
    };
  }
  // Without the database there are no success rates; reachability alone still helps.
  const providers = database.ok
    ? await checkProviders(deps)
    : deps.providers.list().map((provider) => ({
        id: provider.id,
        label: provider.label,
        configured: true as const,
        reachable: null,
        recent: { windowHours: 0, completed: 0, failed: 0, successRate: null }
      }));
  return {
    status: database.ok && providers.every((provider) => provider.reachable !== false) ? 'ok' : 'degraded',
    database,
    providers,
    checkedAt: deps.clock().toISOString()
  };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
