import type { Deps } from '../../../services/deps';
import { checkHealth, checkPublicHealth, type HealthReport, type PublicHealthReport } from '../../../services/health';
import type { Actor } from '../../../services/users';

/** Anyone gets the status; the database and providers only a signed-in caller (session, API key, stdio). */
export function healthHandler({
  ctx
}: {
  ctx: { deps: Deps; user: Actor | null };
}): Promise<HealthReport | PublicHealthReport> {
  return ctx.user ? checkHealth(ctx.deps) : checkPublicHealth(ctx.deps);
}
