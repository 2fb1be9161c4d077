import { findOwnedImageRow } from '../../db/repositories/generated-images';
import { upsertReport } from '../../db/repositories/image-reports';
import type { ReportReason } from '../../db/schema';
import { recordAudit } from '../audit';
import type { Deps } from '../deps';
import { imageNotFound } from '../library';
import type { Actor } from '../users';
import { toReportDto, type ReportDto } from './report-dto';

export type ReportRequest = { imageId: string; reason: ReportReason; details?: string };

/**
 * Reports an image the actor can see (another user's id answers `not_found` exactly like a missing one).
 * One report per reporter and image: reporting it again replaces the reason and details (`created: false`).
 */
export async function reportImage(
  deps: Pick<Deps, 'db' | 'log'>,
  actor: Actor,
  request: ReportRequest
): Promise<{ report: ReportDto; created: boolean }> {
  const image = await findOwnedImageRow(deps.db, actor.id, request.imageId);
  if (!image) throw imageNotFound(request.imageId);
  const { row, created } = await upsertReport(deps.db, {
    imageId: image.id,
    reporterUserId: actor.id,
    reason: request.reason,
    details: request.details || null
  });
  await recordAudit(deps, {
    actorUserId: actor.id,
    action: created ? 'image.reported' : 'image.report_updated',
    targetType: 'image',
    targetId: image.id,
    details: { reportId: row.id, reason: row.reason }
  });
  return { report: toReportDto(row), created };
}
