import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assistantCalls, generatedImages } from '$lib/server/db/schema';
import { encodeRgba, inspectImage } from '$lib/server/images';
import { FAKE_TOOL_INPUTS, startAnthropicFake, type AnthropicFake } from '$tests/fakes/anthropic-fake';
import { postgresUnavailable } from '$tests/support/database';
import { errorOf } from '$tests/support/procedure-errors';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { createActorCaller, type ApiCaller } from '../../root';

let deps: TestDeps;
let sut: ApiCaller;
let intruder: ApiCaller;

beforeAll(async () => {
  deps = await createTestDeps();
  sut = createActorCaller(deps, deps.actor);
  intruder = createActorCaller(deps, await createTestUser(deps));
});

afterAll(async () => {
  await deps?.close();
});

async function solidRedDataUrl(): Promise<string> {
  const pixels = new Uint8Array(96 * 64 * 4).map((_, index) => (index % 4 === 0 || index % 4 === 3 ? 255 : 0));
  return `data:image/png;base64,${Buffer.from(await encodeRgba(pixels, 96, 64)).toString('base64')}`;
}

async function generatedImage(prompt: string) {
  const { images } = await sut.images.generate({ prompt, provider: 'local', size: '256x256' });
  return images[0]!;
}

describe.skipIf(postgresUnavailable)('images.analyze without an assistant (local)', () => {
  it('should analyze a library image from its pixels, keep the analysis with it and record a free call', async () => {
    const image = await generatedImage('a teal harbour at dawn');

    const { imageId, analysis, costUsd } = await sut.images.analyze({ image: `atelier://images/${image.id}` });

    expect(imageId).toBe(image.id);
    expect(costUsd).toBe(0);
    expect(analysis).toMatchObject({ source: 'local', model: null, subjects: [], recreatePrompt: null });
    expect(analysis.metrics).toMatchObject({ width: 256, height: 256, aspectRatio: '1:1', nsfwScore: null });
    expect(analysis.tags).toContain('square');
    expect(analysis.palette.length).toBeGreaterThan(0);
    expect((await sut.images.get({ id: image.id })).analysis).toStrictEqual(analysis);
    const calls = await deps.db.select().from(assistantCalls).where(eq(assistantCalls.imageId, image.id));
    expect(calls).toMatchObject([{ operation: 'analyze', source: 'local', status: 'succeeded', costMicros: 0 }]);
  });

  it('should make a library image findable by a tag its analysis produced', async () => {
    const image = await generatedImage('quiet evening');
    const { analysis } = await sut.images.analyze({ image: image.id });
    const colour = analysis.palette[0]!.name!;
    expect(analysis.tags).toContain(colour);

    const found = await sut.images.search({ text: `quiet ${colour}` });

    expect(found.images.map((row) => row.id)).toContain(image.id);
  });

  it('should analyze an outside image (a data: URL) without storing anything: a solid red image is red', async () => {
    const rowsBefore = await deps.db.$count(generatedImages);

    const { imageId, analysis } = await sut.images.analyze({ image: await solidRedDataUrl() });

    expect(imageId).toBeNull();
    expect(analysis.palette).toStrictEqual([{ hex: '#ff0000', share: 1, name: 'red' }]);
    expect(analysis.tags).toStrictEqual(['landscape', 'red', 'plain']);
    expect(analysis.metrics).toMatchObject({ width: 96, height: 64, aspectRatio: '3:2', contrast: 0 });
    expect(analysis.description).toMatch(/^A landscape 96×64 image \(3:2\).*plain red/);
    expect(await deps.db.$count(generatedImages)).toBe(rowsBefore);
  });

  it("should take the image's stored safety verdict as its nsfwScore", async () => {
    const image = await generatedImage('a calm lake');
    const safety = { nsfwScore: 0.12, classes: { Neutral: 0.88 }, flagged: false, checkedAt: '2026-12-01T00:00:00Z' };
    await deps.db.update(generatedImages).set({ safety }).where(eq(generatedImages.id, image.id));

    const { analysis } = await sut.images.analyze({ image: image.id });

    expect(analysis.metrics?.nsfwScore).toBe(0.12);
  });

  it("should answer another user's image not_found exactly like a missing id, and save nothing on it", async () => {
    const image = await generatedImage('private');

    const foreign = await errorOf(intruder.images.analyze({ image: image.id }));
    const missing = await errorOf(intruder.images.analyze({ image: randomUUID() }));

    expect(foreign.kind).toBe('not_found');
    expect(foreign.message.replace(image.id, 'ID')).toBe(missing.message.replace(/[0-9a-f-]{36}/, 'ID'));
    expect((await sut.images.get({ id: image.id })).analysis).toBeNull();
  });

  it('should refuse bytes that are not an image as validation', async () => {
    const error = await errorOf(sut.images.analyze({ image: Buffer.from('not an image at all').toString('base64') }));

    expect(error.kind).toBe('validation');
  });
});

describe.skipIf(postgresUnavailable)('images.analyze with Claude (the Messages API fake)', () => {
  let fake: AnthropicFake;
  let claudeDeps: TestDeps;
  let api: ApiCaller;

  beforeAll(async () => {
    fake = await startAnthropicFake();
    claudeDeps = await createTestDeps({ env: { ANTHROPIC_API_KEY: fake.apiKey, ANTHROPIC_BASE_URL: fake.baseUrl } });
    api = createActorCaller(claudeDeps, claudeDeps.actor);
  });

  afterAll(async () => {
    await claudeDeps?.close();
    await fake?.close();
  });

  /** The image blocks of the last Messages request, as Claude received them. */
  async function sentImages() {
    const content = fake.messageRequests().at(-1)!.body.messages as Array<{ content: unknown }>;
    const blocks = content.flatMap((message) => (Array.isArray(message.content) ? message.content : []));
    return Promise.all(
      blocks
        .filter((block: { type?: string }) => block.type === 'image')
        .map((block: { source: { media_type: string; data: string } }) =>
          inspectImage(Buffer.from(block.source.data, 'base64')).then((info) => ({
            ...info,
            declared: block.source.media_type
          }))
        )
    );
  }

  it("should send a downscaled copy and answer Claude's analysis with its model and token cost, metrics null", async () => {
    const pixels = new Uint8Array(2400 * 1200 * 4).map((_, index) => (index % 4 === 3 ? 255 : (index * 7) % 251));
    const image = `data:image/png;base64,${Buffer.from(await encodeRgba(pixels, 2400, 1200)).toString('base64')}`;

    const { imageId, analysis, costUsd } = await api.images.analyze({ image });

    expect(imageId).toBeNull();
    expect(analysis).toMatchObject({
      ...(FAKE_TOOL_INPUTS.describe_image as object),
      source: 'claude',
      model: claudeDeps.assistant!.models().analyze,
      metrics: null
    });
    expect(costUsd).toBeGreaterThan(0);
    const [sent] = await sentImages();
    expect(sent).toMatchObject({ width: 1568, height: 784 });
    expect(sent!.declared).toBe(sent!.mediaType);
  });

  it('should keep the analysis with a library image, findable by its tags', async () => {
    const { images } = await api.images.generate({ prompt: 'harbour study', provider: 'local', size: '256x256' });

    const { imageId } = await api.images.analyze({ image: images[0]!.id });

    expect(imageId).toBe(images[0]!.id);
    const found = await api.images.search({ text: 'harbour minimal' });
    expect(found.images.map((row) => row.id)).toStrictEqual([images[0]!.id]);
  });

  it("should answer Claude's refusal as content_policy, record it as refused and keep nothing on the image", async () => {
    const { images } = await api.images.generate({ prompt: 'refused study', provider: 'local', size: '256x256' });
    fake.refuseNext();

    const error = await errorOf(api.images.analyze({ image: images[0]!.id }));

    expect(error.kind).toBe('content_policy');
    expect((await api.images.get({ id: images[0]!.id })).analysis).toBeNull();
    const calls = await claudeDeps.db.select().from(assistantCalls).where(eq(assistantCalls.imageId, images[0]!.id));
    expect(calls).toMatchObject([{ operation: 'analyze', source: 'claude', status: 'refused' }]);
  });
});
