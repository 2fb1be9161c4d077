import { describe, expect, it } from 'vitest';
import type { AdminUser } from './trpc';
import { changesOf, idListOf, toDraft } from './user-policy';

const ada: AdminUser = {
  id: '0b8f5b1e-1c1a-4c44-9a43-4f4d1c1c1c1c',
  email: 'ada@example.com',
  displayName: 'Ada',
  role: 'user',
  disabled: false,
  createdAt: '2026-11-28T10:00:00.000Z',
  allowedProviders: ['openai', 'local'],
  allowedModels: null,
  maxImagesPerRequest: null,
  generatePerMinute: 5,
  requestsPerMinute: null,
  dailyBudgetUsd: 2.5,
  confirmSpendAboveUsd: null,
  storageQuotaBytes: null
};

describe(idListOf.name, () => {
  it('should sort the ticked ids and drop duplicates', () => {
    expect(idListOf(['openai', 'local', 'openai'])).toStrictEqual(['local', 'openai']);
  });

  it('should read nothing ticked as no restriction', () => {
    expect(idListOf([])).toBeNull();
  });
});

describe(changesOf.name, () => {
  it('should find no changes in an untouched form', () => {
    expect(changesOf(ada, toDraft(ada))).toStrictEqual({});
  });

  it('should send only the fields the admin changed', () => {
    const draft = {
      ...toDraft(ada),
      disabled: true,
      allowedProviders: ['local'],
      dailyBudgetUsd: 4,
      confirmSpendAboveUsd: 1.5
    };

    expect(changesOf(ada, draft)).toStrictEqual({
      disabled: true,
      allowedProviders: ['local'],
      dailyBudgetUsd: 4,
      confirmSpendAboveUsd: 1.5
    });
  });

  it('should return a cleared field to the instance default with null', () => {
    const draft = { ...toDraft(ada), generatePerMinute: undefined, allowedProviders: [] };

    expect(changesOf(ada, draft)).toStrictEqual({ generatePerMinute: null, allowedProviders: null });
  });

  it('should find no change when the same providers are ticked in another order', () => {
    const draft = { ...toDraft(ada), allowedProviders: ['local', 'openai'] };

    expect(changesOf(ada, draft)).toStrictEqual({});
  });

  it('should send a storage quota edited in GiB as bytes, and leave an untouched odd quota as it is', () => {
    const odd = { ...ada, storageQuotaBytes: 1_234_567_891 };

    expect(changesOf(ada, { ...toDraft(ada), storageQuotaGib: 0.5 })).toStrictEqual({ storageQuotaBytes: 536_870_912 });
    expect(changesOf(odd, toDraft(odd))).toStrictEqual({});
  });
});
