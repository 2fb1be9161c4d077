import { AppError } from '../../errors';
import type { UserPolicy } from '../users';

export type GenerationTarget = { providerId: string; modelId: string; count: number };

type AccessPolicy = Pick<UserPolicy, 'allowedProviders' | 'allowedModels'>;

export function allowsProvider(policy: AccessPolicy, providerId: string): boolean {
  return !policy.allowedProviders || policy.allowedProviders.includes(providerId);
}

export function allowsModel(policy: AccessPolicy, providerId: string, modelId: string): boolean {
  return (
    allowsProvider(policy, providerId) &&
    (!policy.allowedModels || policy.allowedModels.includes(`${providerId}/${modelId}`))
  );
}

/**
 * Refuses a generation the account's permissions do not cover, before anything is written or paid.
 * A count over the account's limit is `validation`, like the instance-wide count limit: the caller can
 * fix it by asking for fewer images, whereas `forbidden` means only an admin can help.
 */
export function checkGenerationPolicy(policy: UserPolicy, target: GenerationTarget): void {
  const { allowedProviders, allowedModels, maxImagesPerRequest } = policy;
  if (!allowsProvider(policy, target.providerId)) {
    throw new AppError(
      'forbidden',
      `Your account may not use provider ${target.providerId}; allowed: ${listOrNone(allowedProviders ?? [])}. ` +
        'Choose an allowed provider or ask an admin for access.'
    );
  }
  const qualifiedModel = `${target.providerId}/${target.modelId}`;
  if (!allowsModel(policy, target.providerId, target.modelId)) {
    throw new AppError(
      'forbidden',
      `Your account may not use model ${qualifiedModel}; allowed: ${listOrNone(allowedModels ?? [])}. ` +
        'Choose an allowed model or ask an admin for access.'
    );
  }
  if (maxImagesPerRequest !== null && target.count > maxImagesPerRequest) {
    throw new AppError(
      'validation',
      `Your account may generate at most ${maxImagesPerRequest} image${maxImagesPerRequest === 1 ? '' : 's'} ` +
        `per request; ask for ${maxImagesPerRequest} or fewer, or ask an admin to raise the limit.`
    );
  }
}

function listOrNone(ids: string[]): string {
  return ids.length ? ids.join(', ') : 'none';
}
