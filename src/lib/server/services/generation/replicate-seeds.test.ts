import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplicateFake, type ReplicateFake } from '$tests/fakes/replicate-fake';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { readImageContent } from '../library';
import { generateImages } from '.';

describe('seeds with Replicate, whose models stamp one seed on a whole prediction', () => {
  let replicate: ReplicateFake;
  let deps: TestDeps;
  beforeAll(async () => {
    replicate = await startReplicateFake();
    deps = await createTestDeps({
      env: { REPLICATE_API_TOKEN: replicate.token, REPLICATE_BASE_URL: replicate.baseUrl }
    });
  });
  afterAll(async () => {
    await deps?.close();
    await replicate?.close();
  });

  it('should store seeds 7, 8, 9, 10 for a batch of 4 with seed 7, and re-make image 3 byte for byte from its settings', async () => {
    const request = { provider: 'replicate', model: 'black-forest-labs/flux-schnell', prompt: 'a red kite' };

    const batch = await generateImages(deps, deps.actor, { ...request, count: 4, seed: 7 });
    const third = batch.images[2]!;
    const again = await generateImages(deps, deps.actor, { ...request, count: 1, seed: third.seed! });

    expect(batch.images.map((image) => [image.status, image.seed])).toStrictEqual([
      ['completed', 7],
      ['completed', 8],
      ['completed', 9],
      ['completed', 10]
    ]);
    const sentSeeds = replicate.requests
      .filter((request) => request.route === 'create')
      .map((request) => (request.body as { input: { seed: number } }).input.seed);
    expect(sentSeeds.slice(0, 4).sort()).toStrictEqual([10, 7, 8, 9]);
    const bytesOf = async (id: string) => (await readImageContent(deps, deps.actor, id, 'full')).bytes;
    expect(Buffer.from(await bytesOf(again.images[0]!.id)).equals(Buffer.from(await bytesOf(third.id)))).toBe(true);
    expect(Buffer.from(await bytesOf(batch.images[1]!.id)).equals(Buffer.from(await bytesOf(third.id)))).toBe(false);
  });
});
