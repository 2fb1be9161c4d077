import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assistantCalls, auditLog, budgetReservations, generatedImages, instanceSettings } from '$lib/server/db/schema';
import { encodeRgba } from '$lib/server/images';
import { startOpenAIFake, type OpenAIFake } from '$tests/fakes/openai-fake';
import { postgresUnavailable } from '$tests/support/database';
import { listFiles } from '$tests/support/files';
import { callTool, connectMcpClient, textOf } from '$tests/support/mcp-client';
import { errorOf } from '$tests/support/procedure-errors';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createActorCaller } from '../../root';

/**
 * Prompt safety through the procedures (and MCP): OpenAI's moderation (its fake) and the local word filter refuse a
 * flagged prompt with `content_policy` before anything is stored, reserved or sent to an image model;
 * the admin's `allow` policy lets it through; the policy settings are validated and audited.
 */

let openai: OpenAIFake;
let deps: TestDeps;
let sut: ReturnType<typeof createActorCaller>;

beforeAll(async () => {
  openai = await startOpenAIFake();
  deps = await createTestDeps({ env: { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl } });
  sut = createActorCaller(deps, deps.actor);
});

afterAll(async () => {
  await deps?.close();
  await openai?.close();
});

beforeEach(async () => {
  openai.requests.length = 0;
  openai.clearModerationFlags();
  openai.flagInModeration('a bloody massacre', ['violence', 'violence/graphic']);
  await deps.db.update(instanceSettings).set({ contentPolicy: 'block' }).where(eq(instanceSettings.id, 1));
});

/** What a refused call must have left behind: nothing. */
async function stored() {
  return {
    images: (await deps.db.select({ id: generatedImages.id }).from(generatedImages)).length,
    reservations: (await deps.db.select({ id: budgetReservations.id }).from(budgetReservations)).length,
    files: await listFiles(deps.storageRoot)
  };
}

async function smallPng(): Promise<string> {
  const pixels = new Uint8Array(32 * 32 * 4).fill(200);
  return Buffer.from(await encodeRgba(pixels, 32, 32)).toString('base64');
}

describe.skipIf(postgresUnavailable)('prompt checks before generation', () => {
  it('should refuse a prompt OpenAI moderation flags with content_policy and its categories, storing, reserving and generating nothing', async () => {
    const before = await stored();

    const error = await errorOf(
      sut.images.generate({ prompt: 'A bloody massacre in a village', provider: 'openai', model: 'gpt-image-1-mini' })
    );

    expect(error).toMatchObject({ kind: 'content_policy', code: 422 });
    expect(error.message).toContain('OpenAI moderation (violence, violence/graphic)');
    expect(openai.requests.map((request) => `${request.method} ${request.path}`)).toStrictEqual([
      'POST /v1/moderations'
    ]);
    expect(openai.requests[0]!.fields).toStrictEqual({
      model: 'omni-moderation-latest',
      input: 'A bloody massacre in a village'
    });
    expect(await stored()).toStrictEqual(before);
    const [call] = await deps.db.select().from(assistantCalls).orderBy(desc(assistantCalls.createdAt)).limit(1);
    expect(call).toMatchObject({
      operation: 'moderate',
      source: 'openai',
      model: 'omni-moderation-2024-09-26',
      status: 'succeeded',
      costMicros: 0
    });
  });

  it('should refuse a prompt the local filter flags without asking OpenAI', async () => {
    const before = await stored();

    const error = await errorOf(sut.images.generate({ prompt: 'a P0RN poster', provider: 'local' }));

    expect(error.kind).toBe('content_policy');
    expect(error.message).toContain('the local word filter (sexual: "porn")');
    expect(openai.requests).toStrictEqual([]);
    expect(await stored()).toStrictEqual(before);
  });

  it('should answer an MCP generate_image call with a flagged prompt as a tool error with the reason', async () => {
    const before = await stored();
    const client = await connectMcpClient(deps);

    const result = await callTool(client, 'generate_image', { prompt: 'hentai poster', provider: 'local' });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('the local word filter (sexual: "hentai")');
    expect(await stored()).toStrictEqual(before);
    await client.close();
  });

  it('should refuse a flagged edit prompt before its uploaded source is kept', async () => {
    const before = await stored();

    const error = await errorOf(sut.images.vary({ image: await smallPng(), prompt: 'a bloody massacre' }));

    expect(error.kind).toBe('content_policy');
    expect(await stored()).toStrictEqual(before);
  });

  it('should refuse a flagged prompt under the blur policy too (blur is for images the classifier flags)', async () => {
    await sut.admin.updateSettings({ contentPolicy: 'blur' });

    const error = await errorOf(sut.images.generate({ prompt: 'a bloody massacre', provider: 'local' }));

    expect(error.kind).toBe('content_policy');
  });

  it('should let a flagged prompt through under the allow policy', async () => {
    await sut.admin.updateSettings({ contentPolicy: 'allow' });

    const { images } = await sut.images.generate({ prompt: 'a bloody massacre', provider: 'local', size: '256x256' });

    expect(images.map((image) => image.status)).toStrictEqual(['completed']);
  });

  it('should generate a clean prompt after OpenAI moderation passed it', async () => {
    const { images } = await sut.images.generate({ prompt: 'a quiet harbour', provider: 'local', size: '256x256' });

    expect(images.map((image) => image.status)).toStrictEqual(['completed']);
    expect(openai.requests.map((request) => request.path)).toStrictEqual(['/v1/moderations']);
  });

  it('should fall back to the local filter when OpenAI moderation refuses to answer, recording the failed call', async () => {
    openai.failNext({ status: 401 });

    const { images } = await sut.images.generate({ prompt: 'a quiet harbour', provider: 'local', size: '256x256' });

    expect(images.map((image) => image.status)).toStrictEqual(['completed']);
    const [call] = await deps.db.select().from(assistantCalls).orderBy(desc(assistantCalls.createdAt)).limit(1);
    expect(call).toMatchObject({ operation: 'moderate', source: 'openai', status: 'failed' });
  });
});

describe.skipIf(postgresUnavailable)('admin safety settings', () => {
  it('should save the policy, classifier switch and threshold, and audit the change', async () => {
    const settings = await sut.admin.updateSettings({
      contentPolicy: 'blur',
      nsfwClassifierEnabled: true,
      nsfwThreshold: 0.4
    });

    expect(settings).toMatchObject({ contentPolicy: 'blur', nsfwClassifierEnabled: true, nsfwThreshold: 0.4 });
    expect(await sut.admin.getSettings()).toMatchObject({ contentPolicy: 'blur', nsfwThreshold: 0.4 });
    const [entry] = await deps.db.select().from(auditLog).orderBy(desc(auditLog.at)).limit(1);
    expect(entry).toMatchObject({
      action: 'admin.settings_updated',
      actorUserId: deps.actor.id,
      details: { contentPolicy: 'blur', nsfwClassifierEnabled: true, nsfwThreshold: 0.4 }
    });
  });

  it.each([{ nsfwThreshold: 1.5 }, { nsfwThreshold: -0.1 }, { contentPolicy: 'maybe' }])(
    'should refuse %j with a validation error, changing nothing',
    async (patch) => {
      const before = await sut.admin.getSettings();

      const error = await errorOf(sut.admin.updateSettings(patch as never));

      expect(error.kind).toBe('validation');
      expect(await sut.admin.getSettings()).toStrictEqual(before);
    }
  );
});
