import type { ImageReportRow } from '../../db/schema';

/** A report as its reporter sees it. */
export type ReportDto = ReturnType<typeof toReportDto>;

export function toReportDto(row: ImageReportRow) {
  return {
    id: row.id,
    imageId: row.imageId,
    reason: row.reason,
    details: row.details,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null
  };
}
