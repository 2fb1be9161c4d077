import { findImageVisibility, setImageHidden } from '../../db/repositories/generated-images';
import { decideImageReports, decideReport, findReport } from '../../db/repositories/image-reports';
import type { ImageReportRow } from '../../db/schema';
import { AppError } from '../../errors';
import { recordAudit } from '../audit';
import type { Deps } from '../deps';
import type { Actor } from '../users';
import { toReportDto, type ReportDto } from './report-dto';

/**
 * `hide`: the image's public links stop answering (its owner still sees it, marked hidden) and every open
 * report of it is decided `hidden`. `dismiss`: this report found nothing wrong. `restore`: the hidden image
 * answers again and its `hidden` reports become `dismissed`.
 */
export const REPORT_DECISIONS = ['hide', 'dismiss', 'restore'] as const;
export type ReportDecision = (typeof REPORT_DECISIONS)[number];

const AUDIT_ACTIONS: Record<ReportDecision, string> = {
  hide: 'admin.image_hidden',
  dismiss: 'admin.report_dismissed',
  restore: 'admin.image_restored'
};

type Tx = Parameters<Parameters<Deps['db']['transaction']>[0]>[0];
type Decided = { decidedByUserId: string; decidedAt: Date };

async function apply(tx: Tx, report: ImageReportRow, decision: ReportDecision, decided: Decided, hidden: boolean) {
  if (decision === 'hide') {
    await setImageHidden(tx, report.imageId, decided.decidedAt);
    await decideImageReports(tx, report.imageId, { from: 'open', to: 'hidden', ...decided });
    await decideReport(tx, report.id, { to: 'hidden', ...decided });
  } else if (decision === 'dismiss') {
    if (hidden) {
      throw new AppError('validation', 'The image is hidden; restore it (decision "restore") if nothing is wrong.');
    }
    await decideReport(tx, report.id, { to: 'dismissed', ...decided });
  } else {
    if (!hidden) throw new AppError('validation', 'The image is not hidden; there is nothing to restore.');
    await setImageHidden(tx, report.imageId, null);
    await decideImageReports(tx, report.imageId, { from: 'hidden', to: 'dismissed', ...decided });
  }
}

/** An admin's decision on a report, in one transaction, recorded in the audit log. */
export async function decideImageReport(
  deps: Pick<Deps, 'db' | 'log' | 'clock'>,
  admin: Actor,
  request: { id: string; decision: ReportDecision }
): Promise<ReportDto> {
  const decided = { decidedByUserId: admin.id, decidedAt: deps.clock() };
  const report = await deps.db.transaction(async (tx) => {
    const found = await findReport(tx, request.id);
    if (!found) {
      throw new AppError('not_found', `No report with id ${request.id}; list the reports (admin.reports) to find it.`);
    }
    // The image first, then its reports: every decision locks in that order, so two admins take turns.
    const image = await findImageVisibility(tx, found.imageId, { lock: true });
    const row = (await findReport(tx, request.id, { lock: true })) ?? found;
    await apply(tx, row, request.decision, decided, Boolean(image?.hiddenAt));
    return (await findReport(tx, request.id)) ?? row;
  });
  await recordAudit(deps, {
    actorUserId: admin.id,
    action: AUDIT_ACTIONS[request.decision],
    targetType: 'image',
    targetId: report.imageId,
    details: { reportId: report.id, reason: report.reason }
  });
  return toReportDto(report);
}
