import { bytesToGib, gibToBytes } from './storage-quota';
import type { AdminUser, UserPatch } from './trpc';

/** A number field bound with `bind:value`: Svelte leaves it `undefined` when the field is empty. */
type NumberField = number | null | undefined;

/** The admin's edit form for one user: id lists as comma-separated text, an empty number means "the instance default". */
export type UserPolicyDraft = {
  role: AdminUser['role'];
  disabled: boolean;
  allowedProviders: string;
  allowedModels: string;
  maxImagesPerRequest: NumberField;
  generatePerMinute: NumberField;
  requestsPerMinute: NumberField;
  dailyBudgetUsd: NumberField;
  confirmSpendAboveUsd: NumberField;
  storageQuotaGib: NumberField;
};

export function formatIdList(ids: string[] | null): string {
  return ids?.join(', ') ?? '';
}

/** Commas or whitespace separate ids; an empty list means "no restriction" (null), never "nothing allowed". */
export function parseIdList(text: string): string[] | null {
  const ids = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
  return ids.length ? ids : null;
}

export function toDraft(user: AdminUser): UserPolicyDraft {
  return {
    role: user.role,
    disabled: user.disabled,
    allowedProviders: formatIdList(user.allowedProviders),
    allowedModels: formatIdList(user.allowedModels),
    maxImagesPerRequest: user.maxImagesPerRequest,
    generatePerMinute: user.generatePerMinute,
    requestsPerMinute: user.requestsPerMinute,
    dailyBudgetUsd: user.dailyBudgetUsd,
    confirmSpendAboveUsd: user.confirmSpendAboveUsd,
    storageQuotaGib: bytesToGib(user.storageQuotaBytes)
  };
}

/** Only what the admin changed, so the audit log records the change rather than the whole form. */
export function changesOf(user: AdminUser, draft: UserPolicyDraft): UserPatch {
  const wanted: Required<UserPatch> = {
    role: draft.role,
    disabled: draft.disabled,
    allowedProviders: parseIdList(draft.allowedProviders),
    allowedModels: parseIdList(draft.allowedModels),
    maxImagesPerRequest: draft.maxImagesPerRequest ?? null,
    generatePerMinute: draft.generatePerMinute ?? null,
    requestsPerMinute: draft.requestsPerMinute ?? null,
    dailyBudgetUsd: draft.dailyBudgetUsd ?? null,
    confirmSpendAboveUsd: draft.confirmSpendAboveUsd ?? null,
    storageQuotaBytes:
      draft.storageQuotaGib === bytesToGib(user.storageQuotaBytes)
        ? user.storageQuotaBytes
        : gibToBytes(draft.storageQuotaGib)
  };
  const same = (key: keyof UserPatch) => JSON.stringify(wanted[key]) === JSON.stringify(user[key]);
  const changed = (Object.keys(wanted) as Array<keyof UserPatch>).filter((key) => !same(key));
  return Object.fromEntries(changed.map((key) => [key, wanted[key]])) as UserPatch;
}
