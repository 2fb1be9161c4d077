import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActorCaller, type ApiCaller } from '$lib/server/api';
import { insertImageRows } from '$lib/server/db/repositories/generated-images';
import { stylePresets } from '$lib/server/db/schema';
import { postgresUnavailable } from '$tests/support/database';
import { errorOf } from '$tests/support/procedure-errors';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { BUILT_IN_PRESETS, installBuiltIns } from '.';

let deps: TestDeps;
let sut: ApiCaller;

async function builtIn(api: ApiCaller, key: string) {
  const preset = (await api.presets.list()).presets.find((candidate) => candidate.builtInKey === key);
  if (!preset) throw new Error(`no built-in ${key}`);
  return preset;
}

describe.skipIf(postgresUnavailable)('style presets', () => {
  beforeEach(async () => {
    deps = await createTestDeps();
    await installBuiltIns(deps);
    sut = createActorCaller(deps, deps.actor);
  });
  afterEach(async () => {
    await deps?.close();
  });

  it('should install the built-ins once however often the app starts, refreshing their texts', async () => {
    await installBuiltIns(deps);
    await deps.db.update(stylePresets).set({ promptPrefix: 'stale', useCount: 7 });
    await installBuiltIns(deps);

    const rows = await deps.db.select().from(stylePresets);
    expect(rows.map((row) => row.builtInKey).sort()).toStrictEqual(BUILT_IN_PRESETS.map((p) => p.key).sort());
    const cyberpunk = rows.find((row) => row.builtInKey === 'cyberpunk');
    expect(cyberpunk).toMatchObject({ promptPrefix: 'cyberpunk scene', useCount: 7, userId: null });
    expect(cyberpunk?.previewPath).toBe('presets/cyberpunk.webp');
  });

  it('should create, rename, list and delete a preset of ones own', async () => {
    const created = await sut.presets.create({
      name: 'Moody',
      provider: 'local',
      model: 'procedural-v1',
      settings: { size: '512x512', style: 'vivid', negativePrompt: 'people' },
      promptSuffix: 'dark blue night'
    });
    expect(created).toMatchObject({ builtIn: false, settings: { size: '512x512', style: 'vivid' } });

    const renamed = await sut.presets.update({ id: created.id, name: 'Moodier', promptPrefix: null });
    expect(renamed).toMatchObject({ name: 'Moodier', promptSuffix: 'dark blue night', provider: 'local' });
    expect((await sut.presets.list()).presets.map((preset) => preset.name)).toContain('Moodier');

    expect(await sut.presets.delete({ id: created.id })).toStrictEqual({ id: created.id, restoredBuiltInId: null });
    expect((await sut.presets.list()).presets.map((preset) => preset.id)).not.toContain(created.id);
  });

  it('should refuse a second preset of the same name with a validation error', async () => {
    await sut.presets.create({ name: 'Twice' });
    const error = await errorOf(sut.presets.create({ name: 'Twice' }));
    expect(error).toMatchObject({ kind: 'validation', message: expect.stringContaining('"Twice"') });
  });

  it("should save an edit of a built-in as the user's copy that hides it, and bring it back when the copy goes", async () => {
    const other = createActorCaller(deps, await createTestUser(deps));
    const original = await builtIn(sut, 'watercolor');

    const copy = await sut.presets.update({ id: original.id, promptSuffix: 'my own washes' });
    expect(copy).toMatchObject({ builtIn: false, basedOnId: original.id, name: 'Watercolor' });
    expect(copy.previewUrl).toBe('/presets/watercolor.webp');
    const mine = (await sut.presets.list()).presets.filter((preset) => preset.name === 'Watercolor');
    expect(mine.map((preset) => preset.id)).toStrictEqual([copy.id]);
    expect((await builtIn(other, 'watercolor')).promptSuffix).toBe(original.promptSuffix);

    const again = await sut.presets.update({ id: original.id, name: 'My watercolor' });
    expect(again.id).toBe(copy.id);
    expect((await sut.presets.use({ id: original.id, prompt: 'a boat' })).prompt).toBe(
      'watercolor painting of, a boat, my own washes'
    );

    expect(await sut.presets.delete({ id: copy.id })).toStrictEqual({ id: copy.id, restoredBuiltInId: original.id });
    expect((await builtIn(sut, 'watercolor')).id).toBe(original.id);
    expect((await errorOf(sut.presets.delete({ id: original.id }))).kind).toBe('forbidden');
  });

  it('should fill the prompt and knobs when applied and count the use', async () => {
    const cyberpunk = await builtIn(sut, 'cyberpunk');

    const applied = await sut.presets.use({ id: cyberpunk.id, prompt: 'a cat on a roof' });

    expect(applied.prompt).toBe(`cyberpunk scene, a cat on a roof, ${cyberpunk.promptSuffix}`);
    expect(applied.settings).toStrictEqual({ negativePrompt: 'daylight, pastel, washed out, blurry' });
    expect(applied.preset.useCount).toBe(1);
    expect((await builtIn(sut, 'cyberpunk')).useCount).toBe(1);
  });

  it('should save an image as a preset: its provider, model, size and knobs, previewed by it', async () => {
    const [image] = (await sut.images.generate({ prompt: 'calm sea', size: '512x512', style: 'vivid', seed: 4 }))
      .images;

    const preset = await sut.presets.fromImage({ imageId: image!.id, name: 'Calm sea look' });

    expect(preset).toMatchObject({
      provider: 'local',
      model: 'procedural-v1',
      settings: { size: '512x512', style: 'vivid' },
      previewImageId: image!.id,
      previewUrl: image!.thumbnailUrl,
      builtIn: false
    });
    expect(preset.settings).not.toHaveProperty('seed');
    const listed = (await sut.presets.list()).presets.find((candidate) => candidate.id === preset.id);
    expect(listed?.previewUrl).toBe(image!.thumbnailUrl);
  });

  it('should refuse to save an upload as a preset, since it holds no generation settings', async () => {
    const [upload] = await insertImageRows(deps.db, [
      {
        userId: deps.actor.id,
        prompt: 'photo.png',
        provider: 'upload',
        model: 'upload',
        size: '256x256',
        status: 'completed',
        editType: 'upload'
      }
    ]);

    const error = await errorOf(sut.presets.fromImage({ imageId: upload!.id, name: 'Upload' }));

    expect(error).toMatchObject({ kind: 'validation', message: expect.stringContaining('is an upload') });
  });
});
