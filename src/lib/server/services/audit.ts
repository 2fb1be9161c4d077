import { auditLog } from '../db/schema';
import type { Deps } from './deps';

export type AuditEntry = {
  /** Who acted; null for the system or an unknown caller. */
  actorUserId: string | null;
  /** Dotted verb, e.g. `auth.sign_in`, `api_key.created`, `generation.paid`. */
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  ipAddress?: string | null;
};

/**
 * Appends one row to the audit log. It is called after the action already happened, so a failed write
 * is logged with the whole entry instead of thrown: failing the caller would report an action that did
 * take place as failed.
 */
export async function recordAudit(deps: Pick<Deps, 'db' | 'log'>, entry: AuditEntry): Promise<void> {
  try {
    await deps.db.insert(auditLog).values({
      actorUserId: entry.actorUserId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: entry.details ?? {},
      ipAddress: entry.ipAddress ?? null
    });
  } catch (error) {
    deps.log.error({ err: error, audit: entry }, 'writing an audit log row failed');
  }
}
