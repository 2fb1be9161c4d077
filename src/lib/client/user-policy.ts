import { bytesToGib, gibToBytes } from './storage-quota';
import type { AdminUser, UserPatch } from './trpc';

/** A number field bound with `bind:value`: Svelte leaves it `undefined` when the field is empty. */
type NumberField = number | null | undefined;

/** A configured provider and its models as the admin ticks them; a model's id is `provider/model`, as stored. */
export type ProviderChoice = { id: string; label: string; models: Array<{ id: string; label: string }> };

/** The admin's edit form for one user: ticked ids (none ticked: all allowed), an empty number means "the instance default". */
export type UserPolicyDraft = {
  role: AdminUser['role'];
  disabled: boolean;
  allowedProviders: string[];
  allowedModels: string[];
  maxImagesPerRequest: NumberField;
  generatePerMinute: NumberField;
  requestsPerMinute: NumberField;
  dailyBudgetUsd: NumberField;
  confirmSpendAboveUsd: NumberField;
  storageQuotaGib: NumberField;
};

/** Nothing ticked means "no restriction" (null), never "nothing allowed"; sorted, so ticking order is no change. */
export function idListOf(ticked: string[]): string[] | null {
  return ticked.length ? [...new Set(ticked)].sort() : null;
}

export function toDraft(user: AdminUser): UserPolicyDraft {
  return {
    role: user.role,
    disabled: user.disabled,
    allowedProviders: [...(user.allowedProviders ?? [])],
    allowedModels: [...(user.allowedModels ?? [])],
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
    allowedProviders: idListOf(draft.allowedProviders),
    allowedModels: idListOf(draft.allowedModels),
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
  const stored = {
    ...user,
    allowedProviders: idListOf(user.allowedProviders ?? []),
    allowedModels: idListOf(user.allowedModels ?? [])
  };
  const same = (key: keyof UserPatch) => JSON.stringify(wanted[key]) === JSON.stringify(stored[key]);
  const changed = (Object.keys(wanted) as Array<keyof UserPatch>).filter((key) => !same(key));
  return Object.fromEntries(changed.map((key) => [key, wanted[key]])) as UserPatch;
}
