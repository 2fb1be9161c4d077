import { z } from 'zod';
import { REPORT_REASONS, REPORT_STATUSES } from '../../../db/schema';
import { noControlCharacters } from '../../schemas/text';
import { ZImageIdInput } from './get.schema';

export const MAX_REPORT_DETAILS_LENGTH = 1000;

export const ZReportReason = z
  .enum(REPORT_REASONS)
  .describe(`Why the image breaks the rules: ${REPORT_REASONS.join(', ')}.`);

export const ZReportInput = ZImageIdInput.extend({
  reason: ZReportReason,
  details: z
    .string()
    .trim()
    .max(MAX_REPORT_DETAILS_LENGTH, `Details are at most ${MAX_REPORT_DETAILS_LENGTH} characters; shorten them.`)
    .check(noControlCharacters('Details'))
    .optional()
    .describe('What an admin should know (optional).')
});

export const ZReport = z.object({
  id: z.string(),
  imageId: z.string(),
  reason: ZReportReason,
  details: z.string().nullable(),
  status: z
    .enum(REPORT_STATUSES)
    .describe('open until an admin decides: hidden (the image is hidden) or dismissed (nothing wrong).'),
  createdAt: z.string(),
  decidedAt: z.string().nullable()
});

export const ZReportOutput = z.object({
  report: ZReport,
  created: z
    .boolean()
    .describe('false when you had reported this image before: that report now carries this reason and these details.')
});

export type TReportInput = z.infer<typeof ZReportInput>;
