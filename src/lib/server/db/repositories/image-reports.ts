import { and, count, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import {
  generatedImages,
  imageReports,
  users,
  type ImageReportRow,
  type ReportReason,
  type ReportStatus
} from '../schema';
import type { Db } from '../types';

/** Every statement on `image_reports`. */

type Executor = Pick<Db, 'select' | 'insert' | 'update'>;

/**
 * Files the reporter's report on the image, or replaces the reason and details of their earlier one (one per
 * reporter and image). A dismissed report opens again; one whose image is hidden stays decided.
 * `created` tells a new report from an updated one.
 */
export async function upsertReport(
  db: Executor,
  report: { imageId: string; reporterUserId: string; reason: ReportReason; details: string | null }
): Promise<{ row: ImageReportRow; created: boolean }> {
  const [result] = await db
    .insert(imageReports)
    .values(report)
    .onConflictDoUpdate({
      target: [imageReports.imageId, imageReports.reporterUserId],
      set: {
        reason: report.reason,
        details: report.details,
        status: sql`case when ${imageReports.status} = 'hidden' then 'hidden' else 'open' end`,
        decidedByUserId: sql`case when ${imageReports.status} = 'hidden' then ${imageReports.decidedByUserId} end`,
        decidedAt: sql`case when ${imageReports.status} = 'hidden' then ${imageReports.decidedAt} end`
      }
    })
    .returning({ ...getTableColumns(imageReports), created: sql<boolean>`(xmax = 0)`.mapWith(Boolean) });
  if (!result) throw new Error('The report was not stored.');
  const { created, ...row } = result;
  return { row, created };
}

/** The report; with `lock`, locked until the transaction ends (lock its image first: decisions lock image, then reports). */
export async function findReport(
  db: Executor,
  id: string,
  options: { lock?: boolean } = {}
): Promise<ImageReportRow | undefined> {
  const query = db.select().from(imageReports).where(eq(imageReports.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

/** Decides the image's reports that are in `from` (all of them `to`, by this admin, now). */
export async function decideImageReports(
  db: Executor,
  imageId: string,
  change: { from: ReportStatus; to: ReportStatus; decidedByUserId: string; decidedAt: Date }
): Promise<void> {
  await db
    .update(imageReports)
    .set({ status: change.to, decidedByUserId: change.decidedByUserId, decidedAt: change.decidedAt })
    .where(and(eq(imageReports.imageId, imageId), eq(imageReports.status, change.from)));
}

export async function decideReport(
  db: Executor,
  id: string,
  change: { to: ReportStatus; decidedByUserId: string; decidedAt: Date }
): Promise<void> {
  await db
    .update(imageReports)
    .set({ status: change.to, decidedByUserId: change.decidedByUserId, decidedAt: change.decidedAt })
    .where(eq(imageReports.id, id));
}

/** A report as the admin queue shows it: with its image and who filed it. */
export type ReportQueueRow = {
  report: ImageReportRow;
  reporterEmail: string | null;
  image: Pick<
    typeof generatedImages.$inferSelect,
    'id' | 'userId' | 'prompt' | 'storagePath' | 'thumbnailPath' | 'hiddenAt' | 'deletedAt'
  >;
};

/** Open reports first, then the decided ones, newest first within each; `status` narrows to one state. */
export async function listReports(
  db: Executor,
  query: { status?: ReportStatus; limit: number; offset: number }
): Promise<{ rows: ReportQueueRow[]; total: number }> {
  const where = query.status ? eq(imageReports.status, query.status) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        report: imageReports,
        reporterEmail: users.email,
        image: {
          id: generatedImages.id,
          userId: generatedImages.userId,
          prompt: generatedImages.prompt,
          storagePath: generatedImages.storagePath,
          thumbnailPath: generatedImages.thumbnailPath,
          hiddenAt: generatedImages.hiddenAt,
          deletedAt: generatedImages.deletedAt
        }
      })
      .from(imageReports)
      .innerJoin(generatedImages, eq(generatedImages.id, imageReports.imageId))
      .leftJoin(users, eq(users.id, imageReports.reporterUserId))
      .where(where)
      .orderBy(desc(sql`${imageReports.status} = 'open'`), desc(imageReports.createdAt), desc(imageReports.id))
      .limit(query.limit)
      .offset(query.offset),
    db.select({ count: count() }).from(imageReports).where(where)
  ]);
  return { rows, total: total?.count ?? 0 };
}
