import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertImageRows } from '$lib/server/db/repositories/generated-images';
import { LINEAGE_LIMITS } from '$lib/server/services/library';
import type { Actor } from '$lib/server/services/users';
import { postgresUnavailable } from '$tests/support/database';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createActorCaller } from '../../root';

let deps: TestDeps;

/** A completed row made from `parentImageId`, as an edit stores it. */
async function derive(owner: Actor, parentImageId: string, editType = 'upscale'): Promise<string> {
  const [row] = await insertImageRows(deps.db, [
    {
      userId: owner.id,
      prompt: `${editType} of ${parentImageId}`,
      provider: 'local',
      model: 'lanczos',
      size: '512x512',
      status: 'completed',
      parentImageId,
      editType
    }
  ]);
  return row!.id;
}

describe.skipIf(postgresUnavailable)('images.lineage', () => {
  beforeEach(async () => {
    deps = await createTestDeps();
  });
  afterEach(async () => {
    await deps?.close();
  });

  it('should list the ancestors parent first and the children newest first', async () => {
    const sut = createActorCaller(deps, deps.actor);
    const [root] = (await sut.images.generate({ prompt: 'a root image', size: '256x256' })).images;
    const middle = await derive(deps.actor, root!.id, 'variation');
    const olderChild = await derive(deps.actor, middle, 'upscale');
    const newerChild = await derive(deps.actor, middle, 'inpaint');
    await derive(deps.actor, olderChild, 'style');

    const lineage = await sut.images.lineage({ id: middle });

    expect(lineage.ancestors.map((image) => image.id)).toStrictEqual([root!.id]);
    expect(lineage.children.map((image) => image.id)).toStrictEqual([newerChild, olderChild]);
    expect(lineage.children.every((image) => image.parentImageId === middle)).toBe(true);
    expect((await sut.images.lineage({ id: olderChild })).ancestors.map((image) => image.id)).toStrictEqual([
      middle,
      root!.id
    ]);
    expect(await sut.images.lineage({ id: root!.id })).toMatchObject({ ancestors: [] });
  });

  it(`should climb at most ${LINEAGE_LIMITS.ancestors} generations`, async () => {
    const sut = createActorCaller(deps, deps.actor);
    const [root] = (await sut.images.generate({ prompt: 'a long history', size: '256x256' })).images;
    const chain = [root!.id];
    for (let step = 0; step < LINEAGE_LIMITS.ancestors + 2; step++) chain.push(await derive(deps.actor, chain.at(-1)!));

    const { ancestors } = await sut.images.lineage({ id: chain.at(-1)! });

    expect(ancestors.map((image) => image.id)).toStrictEqual(
      chain.slice(0, -1).reverse().slice(0, LINEAGE_LIMITS.ancestors)
    );
  });
});
