import { afterEach, describe, expect, it } from 'vitest';
import { budgetReservations, generatedImages, type users } from '$lib/server/db/schema';
import { AppError } from '$lib/server/errors';
import { createLocalProvider } from '$lib/server/providers/local';
import { listFiles } from '$tests/support/files';
import {
  createPaidTestProvider,
  PAID_PREMIUM_MODEL,
  PAID_PROVIDER_ID,
  PAID_STANDARD_MODEL
} from '$tests/support/paid-test-provider';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { generateImages, type GenerateRequest } from '.';
import { checkGenerationPolicy } from './policy';
import type { UserPolicy } from '../users';

const OPEN_POLICY: UserPolicy = {
  allowedProviders: null,
  allowedModels: null,
  maxImagesPerRequest: null,
  generatePerMinute: 30,
  requestsPerMinute: 600
};

function refusalOf(run: () => void): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe(checkGenerationPolicy.name, () => {
  const target = { providerId: 'paid', modelId: 'paid-standard', count: 3 };

  it('should allow anything when the account has no restrictions', () => {
    expect(() => checkGenerationPolicy(OPEN_POLICY, target)).not.toThrow();
  });

  it('should allow a listed provider, a listed model and a count at the limit', () => {
    const policy = {
      ...OPEN_POLICY,
      allowedProviders: ['local', 'paid'],
      allowedModels: ['paid/paid-standard'],
      maxImagesPerRequest: 3
    };

    expect(() => checkGenerationPolicy(policy, target)).not.toThrow();
  });

  it('should refuse a provider the account may not use, naming the allowed ones', () => {
    const refusal = refusalOf(() =>
      checkGenerationPolicy({ ...OPEN_POLICY, allowedProviders: ['local', 'openai'] }, target)
    );

    expect(refusal.kind).toBe('forbidden');
    expect(refusal.message).toBe(
      'Your account may not use provider paid; allowed: local, openai. Choose an allowed provider or ask an admin for access.'
    );
  });

  it('should say "none" when the account may use no provider at all', () => {
    const refusal = refusalOf(() => checkGenerationPolicy({ ...OPEN_POLICY, allowedProviders: [] }, target));

    expect(refusal.message).toContain('allowed: none.');
  });

  it('should refuse a model the account may not use, by its provider/model id', () => {
    const refusal = refusalOf(() =>
      checkGenerationPolicy({ ...OPEN_POLICY, allowedModels: ['paid/paid-premium', 'standard'] }, target)
    );

    expect(refusal.kind).toBe('forbidden');
    expect(refusal.message).toBe(
      'Your account may not use model paid/paid-standard; allowed: paid/paid-premium, standard. Choose an allowed model or ask an admin for access.'
    );
  });

  it('should refuse more images than the account may ask for at once, naming the limit', () => {
    const refusal = refusalOf(() => checkGenerationPolicy({ ...OPEN_POLICY, maxImagesPerRequest: 2 }, target));

    expect(refusal.kind).toBe('validation');
    expect(refusal.message).toBe(
      'Your account may generate at most 2 images per request; ask for 2 or fewer, or ask an admin to raise the limit.'
    );
  });
});

describe(generateImages.name, () => {
  let deps: TestDeps;
  afterEach(async () => {
    await deps?.close();
  });

  it.each<[string, Partial<typeof users.$inferInsert>, GenerateRequest, string]>([
    [
      'an unlisted provider',
      { allowedProviders: ['local'] },
      { prompt: 'x', provider: PAID_PROVIDER_ID, count: 1 },
      'forbidden'
    ],
    [
      'the default provider when it is unlisted',
      { allowedProviders: [PAID_PROVIDER_ID] },
      { prompt: 'x', count: 1 },
      'forbidden'
    ],
    [
      'an unlisted model',
      { allowedModels: [`${PAID_PROVIDER_ID}/${PAID_STANDARD_MODEL}`] },
      { prompt: 'x', provider: PAID_PROVIDER_ID, model: PAID_PREMIUM_MODEL, count: 1 },
      'forbidden'
    ],
    ['too many images', { maxImagesPerRequest: 2 }, { prompt: 'x', provider: PAID_PROVIDER_ID, count: 3 }, 'validation']
  ])('should refuse %s before any row, reservation, file or provider call', async (_, policy, request, kind) => {
    const paid = createPaidTestProvider();
    deps = await createTestDeps({ providers: [createLocalProvider(), paid] });
    const actor = await createTestUser(deps, { policy });

    await expect(generateImages(deps, actor, request)).rejects.toMatchObject({ kind });

    expect(await deps.db.select().from(generatedImages)).toStrictEqual([]);
    expect(await deps.db.select().from(budgetReservations)).toStrictEqual([]);
    expect(await listFiles(deps.storageRoot)).toStrictEqual([]);
    expect(paid.calls).toStrictEqual([]);
  });

  it('should generate with a listed provider and model within the image limit', async () => {
    deps = await createTestDeps({ providers: [createLocalProvider(), createPaidTestProvider()] });
    const actor = await createTestUser(deps, {
      policy: {
        allowedProviders: [PAID_PROVIDER_ID],
        allowedModels: [`${PAID_PROVIDER_ID}/${PAID_STANDARD_MODEL}`],
        maxImagesPerRequest: 2
      }
    });

    const { images } = await generateImages(deps, actor, { prompt: 'x', provider: PAID_PROVIDER_ID, count: 2 });

    expect(images.map((image) => [image.provider, image.model, image.status])).toStrictEqual([
      [PAID_PROVIDER_ID, PAID_STANDARD_MODEL, 'completed'],
      [PAID_PROVIDER_ID, PAID_STANDARD_MODEL, 'completed']
    ]);
  });
});
