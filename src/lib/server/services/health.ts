import { sql } from 'drizzle-orm';
import type { Deps } from './deps';
import { checkProviders, checkReachability, type ProviderHealth, type Reachability } from './provider-health';

/** What anyone may know (load balancers, the sign-in page): whether the instance works. */
export type PublicHealthReport = { status: 'ok' | 'degraded'; checkedAt: string };

/** What signed-in callers see besides: the database and each configured provider with its recent outcomes. */
export type HealthReport = PublicHealthReport & {
  database: { kind: string; ok: boolean; latencyMs: number; error?: string };
  providers: ProviderHealth[];
};

type HealthDeps = Pick<Deps, 'db' | 'databaseKind' | 'providers' | 'clock'>;

/**
 * Liveness without details: which providers are configured and how they fare is for signed-in callers.
 * Makes no paid calls and reads no table.
 */
export async function checkPublicHealth(deps: HealthDeps): Promise<PublicHealthReport> {
  const [database, reachability] = await Promise.all([checkDatabase(deps), checkReachability(deps)]);
  return { status: statusOf(database, reachability), checkedAt: deps.clock().toISOString() };
}

/** Liveness of the parts this instance needs; makes no paid calls. */
export async function checkHealth(deps: HealthDeps): Promise<HealthReport> {
  const database = await checkDatabase(deps);
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
  return { status: statusOf(database, providers), database, providers, checkedAt: deps.clock().toISOString() };
}

async function checkDatabase(deps: Pick<Deps, 'db' | 'databaseKind'>): Promise<HealthReport['database']> {
  const started = performance.now();
  try {
    await deps.db.execute(sql`select 1`);
    return { kind: deps.databaseKind, ok: true, latencyMs: round(performance.now() - started) };
  } catch (error) {
    return {
      kind: deps.databaseKind,
      ok: false,
      latencyMs: round(performance.now() - started),
      error: error instanceof Error ? error.message : 'unknown error'
    };
  }
}

function statusOf(database: { ok: boolean }, providers: Reachability[]): PublicHealthReport['status'] {
  return database.ok && providers.every((provider) => provider.reachable !== false) ? 'ok' : 'degraded';
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
