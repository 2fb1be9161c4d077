import { ZReportInput } from '$lib/server/api';
import { readJsonBody, respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

const ZReportBody = ZReportInput.omit({ id: true });

/**
 * `POST /api/images/:id/report` `{ reason, details? }` reports the image to the admins:
 * `{ success, report, created }`; reporting it again replaces the reason and details (`created: false`).
 */
export const POST: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api }) => {
    const body = await readJsonBody(event.request, ZReportBody);
    return api.images.report({ id: event.params.id, ...body });
  });
