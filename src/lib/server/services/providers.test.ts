import { describe, expect, it } from 'vitest';
import { createLocalProvider } from '../providers/local';
import { createProviderRegistry } from '../providers/registry';
import { createPaidTestProvider } from '$tests/support/paid-test-provider';
import { listProviders } from './providers';

const deps = { providers: createProviderRegistry([createLocalProvider(), createPaidTestProvider()]) };
const everything = { allowedProviders: null, allowedModels: null };

describe('listProviders', () => {
  it('should list every configured provider and model when the account has no restrictions', () => {
    const listed = listProviders(deps, everything);

    expect(listed.map((provider) => provider.id)).toStrictEqual(deps.providers.list().map((provider) => provider.id));
  });

  it('should hide providers and models the account may not use, and move the default to an allowed model', () => {
    const paid = createPaidTestProvider();
    const [firstModel, secondModel] = paid.models;
    const listed = listProviders(deps, { allowedProviders: null, allowedModels: [`${paid.id}/${secondModel!.id}`] });

    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: paid.id, defaultModel: secondModel!.id });
    expect(listed[0]!.models.map((model) => model.id)).not.toContain(firstModel!.id);
  });

  it('should say how long a prompt each model reads and whether it draws text, null for a model without a prompt', () => {
    const local = listProviders(deps, everything).find((provider) => provider.id === 'local')!;
    const byId = Object.fromEntries(local.models.map((model) => [model.id, model]));

    expect(byId['procedural-v1']).toMatchObject({ maxPromptLength: 4000, textRendering: false });
    expect(byId['esrgan-slim']).toMatchObject({ maxPromptLength: null, textRendering: false });
  });

  it('should list nothing for an account allowed no provider', () => {
    expect(listProviders(deps, { allowedProviders: [], allowedModels: null })).toStrictEqual([]);
  });
});
