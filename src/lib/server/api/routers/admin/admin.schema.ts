import { z } from 'zod';
import { CONTENT_POLICIES, REPORT_STATUSES, SIGN_UP_POLICIES, USER_ROLES } from '../../../db/schema';
import { REPORT_DECISIONS } from '../../../services/reports';
import { MAX_EMAIL_LENGTH, ZPlainText } from '../../../services/names';
import { MAX_IMAGES_PER_REQUEST } from '../images/generate.schema';

const perMinute = z.number().int().min(1).max(100_000);
const usd = z.number().min(0).max(1_000_000);
/** Up to 1 PiB. */
const quotaBytes = z
  .number()
  .int()
  .min(0)
  .max(2 ** 50);
/** Up to ten years. */
const days = z.number().int().min(1).max(3650);
const ids = z.array(ZPlainText.min(1).max(200)).max(200);

export const ZUpdateUserInput = z.object({
  id: z.uuid('id must be a user id (a UUID).'),
  patch: z
    .object({
      role: z.enum(USER_ROLES),
      disabled: z.boolean(),
      allowedProviders: ids.nullable().describe('Provider ids; null allows all.'),
      allowedModels: ids.nullable().describe('"provider/model" ids; null allows every model of an allowed provider.'),
      maxImagesPerRequest: z.number().int().min(1).max(MAX_IMAGES_PER_REQUEST).nullable(),
      generatePerMinute: perMinute.nullable(),
      requestsPerMinute: perMinute.nullable(),
      dailyBudgetUsd: usd.nullable(),
      confirmSpendAboveUsd: usd
        .nullable()
        .describe("An agent's call estimated above this asks the user first; null: the instance default."),
      storageQuotaBytes: quotaBytes
        .nullable()
        .describe('Bytes of images the user may keep; null: the instance default.')
    })
    .partial()
});

export const ZUpdateSettingsInput = z
  .object({
    signUpPolicy: z.enum(SIGN_UP_POLICIES),
    globalDailyBudgetUsd: usd.nullable(),
    defaultDailyBudgetUsd: usd.nullable(),
    defaultGeneratePerMinute: perMinute,
    defaultRequestsPerMinute: perMinute,
    defaultStorageQuotaBytes: quotaBytes.nullable().describe('Bytes of images each user may keep; null: no quota.'),
    trashRetentionDays: days.describe('Days a deleted image stays restorable before the daily cleanup purges it.'),
    imageRetentionDays: days
      .nullable()
      .describe('The daily cleanup purges finished, unstarred images older than this; null keeps them forever.'),
    contentPolicy: z
      .enum(CONTENT_POLICIES)
      .describe(
        'Flagged prompts and images: block (refused, content_policy), blur (flagged images blurred in the studio; flagged prompts are still refused) or allow.'
      ),
    nsfwClassifierEnabled: z.boolean().describe('Runs the local NSFW classifier on outputs and uploads.'),
    nsfwThreshold: z
      .number()
      .min(0, 'nsfwThreshold is between 0 and 1.')
      .max(1, 'nsfwThreshold is between 0 and 1.')
      .describe('An NSFW score at or above this flags an image, 0–1.')
  })
  .partial();

export const ZCreateInviteInput = z.object({
  email: z
    .email('email must be an email address.')
    .max(MAX_EMAIL_LENGTH, `Email addresses are at most ${MAX_EMAIL_LENGTH} characters.`)
    .optional()
});

export const ZAuditLogInput = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  before: z.iso.datetime({ offset: true }).optional()
});

export const ZReportsInput = z.object({
  status: z.enum(REPORT_STATUSES).optional().describe('Only reports in this state; omitted: all, open ones first.'),
  limit: z.number().int().min(1).max(100).default(50),
  offset: z.number().int().min(0).max(100_000).default(0)
});

export const ZDecideReportInput = z.object({
  id: z.uuid('id must be a report id (a UUID).'),
  decision: z
    .enum(REPORT_DECISIONS)
    .describe(
      'hide: the image stops answering its public links; dismiss: nothing wrong; restore: a hidden image answers again.'
    )
});

export type TUpdateUserInput = z.infer<typeof ZUpdateUserInput>;
export type TUpdateSettingsInput = z.infer<typeof ZUpdateSettingsInput>;
export type TCreateInviteInput = z.infer<typeof ZCreateInviteInput>;
export type TAuditLogInput = z.infer<typeof ZAuditLogInput>;
export type TReportsInput = z.infer<typeof ZReportsInput>;
export type TDecideReportInput = z.infer<typeof ZDecideReportInput>;
