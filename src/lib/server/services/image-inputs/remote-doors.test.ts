import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedImages } from '$lib/server/db/schema';
import { errorOf } from '$tests/support/procedure-errors';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createActorCaller } from '../../api/root';

let deps: TestDeps;

beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => {
  await deps?.close();
});

describe('image references given as http(s) URLs', () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data/iam/security-credentials/', 'link-local'],
    ['http://localhost:9/image.png', 'localhost resolves to'],
    ['http://[::ffff:10.0.0.1]/image.png', 'IPv6 form of 10.0.0.1']
  ])('should refuse %s in images.upload and images.vary before any row', async (url, reason) => {
    const api = createActorCaller(deps, deps.actor);

    const upload = await errorOf(api.images.upload({ image: url }));
    const vary = await errorOf(api.images.vary({ image: url }));

    for (const body of [upload, vary]) {
      expect(body.kind).toBe('validation');
      expect(body.message).toContain(reason);
    }
    expect(await deps.db.select().from(generatedImages)).toStrictEqual([]);
  });
});
