import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findImageRows } from '$lib/server/db/repositories/generated-images';
import { createApiKey } from '$lib/server/services/api-keys';
import { postgresUnavailable } from '$tests/support/database';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { createActorCaller } from '../api/root';
import { archiveResponse } from './archives';
import { contextFromRequest } from './context';

let deps: TestDeps;
let secret: string;

async function postArchive(body: BodyInit, contentType = 'application/json'): Promise<Response> {
  const request = new Request('http://atelier.test/api/images/archive', {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': contentType },
    body
  });
  return archiveResponse(await contextFromRequest(deps, request, '198.51.100.4'), request);
}

describe.skipIf(postgresUnavailable)('POST /api/images/archive', () => {
  beforeEach(async () => {
    deps = await createTestDeps();
    ({ secret } = await createApiKey(deps, deps.actor, { name: 'archiver', scopes: ['read'] }));
  });
  afterEach(async () => {
    await deps?.close();
  });

  it('should stream a zip whose entries are the stored originals under readable, distinct names', async () => {
    const api = createActorCaller(deps, deps.actor);
    const request = { prompt: 'A red lighthouse', size: '256x256', seed: 7 } as const;
    // The second asks for new images (`cache: false`): two files that would get the same name.
    const first = (await api.images.generate(request)).images;
    const again = (await api.images.generate({ ...request, cache: false })).images;
    const ids = [first[0]!.id, again[0]!.id];

    const response = await postArchive(JSON.stringify({ ids }));
    const entries = unzipSync(new Uint8Array(await response.arrayBuffer()));

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="atelier-2-images.zip"');
    const rows = await findImageRows(deps.db, ids);
    const stored = await Promise.all(
      ids.map(async (id) => deps.storage.get(rows.find((row) => row.id === id)!.storagePath!))
    );
    expect(Object.keys(entries)).toStrictEqual(['red-lighthouse-7.png', 'red-lighthouse-7-2.png']);
    expect(Object.values(entries).map((bytes) => Buffer.from(bytes))).toStrictEqual(
      stored.map((bytes) => Buffer.from(bytes!))
    );
  });

  it('should take the ids from a form field', async () => {
    const api = createActorCaller(deps, deps.actor);
    const { images } = await api.images.generate({ prompt: 'a blue door', size: '256x256', seed: 3 });

    const response = await postArchive(
      new URLSearchParams({ ids: images[0]!.id }),
      'application/x-www-form-urlencoded'
    );

    expect(response.headers.get('content-disposition')).toBe('attachment; filename="atelier-1-image.zip"');
    expect(Object.keys(unzipSync(new Uint8Array(await response.arrayBuffer())))).toStrictEqual(['blue-door-3.png']);
  });

  it("should refuse the whole request with JSON, sending no zip, when one id is another user's image", async () => {
    const api = createActorCaller(deps, deps.actor);
    const other = await createTestUser(deps);
    const [mine] = (await api.images.generate({ prompt: 'mine', size: '256x256' })).images;
    const [theirs] = (await createActorCaller(deps, other).images.generate({ prompt: 'theirs', size: '256x256' }))
      .images;

    const response = await postArchive(JSON.stringify({ ids: [mine!.id, theirs!.id] }));

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ success: false, kind: 'not_found' });
  });

  it('should refuse more than 500 ids', async () => {
    const ids = Array.from({ length: 501 }, () => crypto.randomUUID());

    const response = await postArchive(JSON.stringify({ ids }));

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ kind: 'validation', message: expect.stringContaining('500') });
  });
});
