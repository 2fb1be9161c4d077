import { listReports, type ReportQueueRow } from '../../db/repositories/image-reports';
import type { ReportStatus } from '../../db/schema';
import type { Deps } from '../deps';
import { toReportDto } from './report-dto';

export type ReportQueueRequest = { status?: ReportStatus; limit: number; offset: number };

function toQueueEntry(row: ReportQueueRow, storage: Deps['storage']) {
  const { image } = row;
  return {
    ...toReportDto(row.report),
    reporterEmail: row.reporterEmail,
    image: {
      id: image.id,
      prompt: image.prompt,
      // A hidden image's links answer only its owner and admins (the admin looking at the queue).
      thumbnailUrl: image.thumbnailPath ? storage.publicUrl(image.thumbnailPath) : null,
      url: image.storagePath ? storage.publicUrl(image.storagePath) : null,
      hiddenAt: image.hiddenAt?.toISOString() ?? null,
      deletedAt: image.deletedAt?.toISOString() ?? null
    }
  };
}

export type ReportQueueEntry = ReturnType<typeof toQueueEntry>;

/** The admin queue: open reports first, newest first, `limit` from `offset`; `nextOffset` null on the last page. */
export async function listReportQueue(deps: Pick<Deps, 'db' | 'storage'>, request: ReportQueueRequest) {
  const { rows, total } = await listReports(deps.db, request);
  const nextOffset = request.offset + rows.length;
  return {
    reports: rows.map((row) => toQueueEntry(row, deps.storage)),
    total,
    nextOffset: nextOffset < total ? nextOffset : null
  };
}
