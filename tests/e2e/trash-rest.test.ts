import { describe, expect, inject, it } from 'vitest';

const serverUrl = inject('serverUrl');
const apiKey = inject('apiKey');

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${serverUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  return { status: response.status, body: await response.json() };
}

async function historyIds(): Promise<string[]> {
  const { body } = await call('GET', '/api/images/history?limit=100');
  return body.images.map((image: { id: string }) => image.id);
}

describe('REST trash', () => {
  it('should delete to the trash, restore, and empty the trash with the seed envelope', async () => {
    const generated = await call('POST', '/api/images/generate', { prompt: 'rest trash', size: '256x256', count: 2 });
    const [kept, purged] = generated.body.images as Array<{ id: string; url: string }>;

    const deleted = await call('DELETE', `/api/images/${kept!.id}`);
    await call('DELETE', `/api/images/${purged!.id}`);
    const whileTrashed = await historyIds();
    const restored = await call('POST', `/api/images/${kept!.id}/restore`);
    const emptied = await call('POST', '/api/images/trash/empty');

    expect(deleted).toStrictEqual({
      status: 200,
      body: { success: true, ids: [kept!.id], purgeAfter: expect.any(String) }
    });
    expect(whileTrashed).not.toContain(kept!.id);
    expect(restored.body).toMatchObject({ success: true, count: 1, images: [{ id: kept!.id, deletedAt: null }] });
    expect(restored.body.images[0].url.startsWith(`${serverUrl}/files/`)).toBe(true);
    expect(emptied).toStrictEqual({
      status: 200,
      body: { success: true, purged: 1, freedBytes: expect.any(Number) }
    });
    expect(await historyIds()).toContain(kept!.id);
    expect((await fetch(purged!.url)).status).toBe(404);
  });

  it('should answer a missing image with 404 in the error shape', async () => {
    const { status, body } = await call('DELETE', '/api/images/00000000-0000-4000-8000-000000000000');

    expect(status).toBe(404);
    expect(body).toMatchObject({ success: false, kind: 'not_found' });
  });
});
