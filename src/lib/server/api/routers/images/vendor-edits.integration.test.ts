import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generatedImages } from '$lib/server/db/schema';
import { decodeRgba, encodeRgba } from '$lib/server/images';
import { OPENAI_MODELS } from '$lib/server/providers/openai/models';
import { REPLICATE_MODELS, REAL_ESRGAN_VERSION, SDXL_VERSION } from '$lib/server/providers/replicate/models';
import {
  FAKE_INPUT_IMAGE_TOKENS,
  FAKE_OUTPUT_TOKENS,
  FAKE_PROMPT_TOKENS,
  startOpenAIFake,
  type OpenAIFake
} from '$tests/fakes/openai-fake';
import { startReplicateFake, type ReplicateFake } from '$tests/fakes/replicate-fake';
import { startStabilityFake, type RecordedFile, type StabilityFake } from '$tests/fakes/stability-fake';
import { postgresUnavailable } from '$tests/support/database';
import { errorOf } from '$tests/support/procedure-errors';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createActorCaller } from '../../root';

/**
 * The editing procedures with every hosted provider configured against its fake (shared/providers/*.md):
 * what reaches the vendor (fields, files, the mask in the vendor's own convention), the cost and lineage
 * recorded on the new row, the source row left as it was, and a model that cannot do the operation refused
 * before the vendor hears of it.
 */
const SIDE = 64;
const USD_PER_CREDIT = 0.01;

let openai: OpenAIFake;
let stability: StabilityFake;
let replicate: ReplicateFake;
let deps: TestDeps;
let sut: ReturnType<typeof createActorCaller>;

beforeAll(async () => {
  [openai, stability, replicate] = await Promise.all([
    startOpenAIFake(),
    startStabilityFake(),
    startReplicateFake({ maxHoldMs: 2_000 })
  ]);
  deps = await createTestDeps({
    env: {
      OPENAI_API_KEY: openai.apiKey,
      OPENAI_BASE_URL: openai.baseUrl,
      STABILITY_API_KEY: stability.apiKey,
      STABILITY_BASE_URL: stability.baseUrl,
      STABILITY_USD_PER_CREDIT: String(USD_PER_CREDIT),
      REPLICATE_API_TOKEN: replicate.token,
      REPLICATE_BASE_URL: replicate.baseUrl
    }
  });
  sut = createActorCaller(deps, deps.actor);
});

afterAll(async () => {
  await deps?.close();
  await Promise.all([openai?.close(), stability?.close(), replicate?.close()]);
});

beforeEach(() => {
  openai.requests.length = 0;
  stability.requests.length = 0;
  replicate.requests.length = 0;
});

/** A 64×64 picture: a horizontal gradient, so a vendor's input is recognisably ours. */
async function sourcePng(): Promise<string> {
  const pixels = new Uint8Array(SIDE * SIDE * 4);
  for (let offset = 0; offset < pixels.length; offset += 4) {
    pixels.set([((offset / 4) % SIDE) << 2, 120, 200, 255], offset);
  }
  return Buffer.from(await encodeRgba(pixels, SIDE, SIDE)).toString('base64');
}

/** A black-and-white mask at half the image's size (the pipeline resizes it): the left half white, to change. */
async function leftHalfMask(): Promise<string> {
  const side = SIDE / 2;
  const pixels = new Uint8Array(side * side * 4);
  for (let pixel = 0; pixel < side * side; pixel++) {
    const value = pixel % side < side / 2 ? 255 : 0;
    pixels.set([value, value, value, 255], pixel * 4);
  }
  return Buffer.from(await encodeRgba(pixels, side, side)).toString('base64');
}

async function uploadSource() {
  const { image } = await sut.images.upload({ image: await sourcePng(), name: 'a gradient' });
  return image;
}

async function rowOf(id: string) {
  const [row] = await deps.db.select().from(generatedImages).where(eq(generatedImages.id, id));
  if (!row) throw new Error(`no row ${id}`);
  return row;
}

async function rowCount(): Promise<number> {
  return (await deps.db.select({ id: generatedImages.id }).from(generatedImages)).length;
}

/** Channel `channel` (0 red … 3 alpha) of a pixel well inside the left and the right half. */
async function leftAndRight(bytes: Uint8Array, channel: number): Promise<[number, number]> {
  const { pixels, width, height } = await decodeRgba(bytes);
  const at = (x: number) => pixels[(Math.floor(height / 2) * width + x) * 4 + channel]!;
  return [at(Math.floor(width / 8)), at(Math.floor((width * 7) / 8))];
}

/** Runs `operation` on a fresh upload; checks the source row did not change and the result's lineage. */
async function editOf(
  operation: (source: { id: string }) => Promise<{ images: Array<{ id: string; costUsd: number }> }>,
  lineage: { editType: string; strength?: number | null; mask?: boolean }
) {
  const source = await uploadSource();
  const before = await rowOf(source.id);
  const { images } = await operation(source);
  expect(images).toHaveLength(1);
  const [image] = images;
  const row = await rowOf(image!.id);
  expect(await rowOf(source.id)).toStrictEqual(before);
  expect(row).toMatchObject({
    status: 'completed',
    parentImageId: source.id,
    editType: lineage.editType,
    strength: lineage.strength ?? null,
    costUsd: image!.costUsd
  });
  if (lineage.mask) {
    expect(row.maskStoragePath).toEqual(expect.any(String));
    const mask = await deps.storage.get(row.maskStoragePath!);
    expect(await leftAndRight(mask!, 0), 'the stored mask: white = change').toStrictEqual([255, 0]);
  } else {
    expect(row.maskStoragePath).toBeNull();
  }
  return { source, image: image!, row };
}

const file = (fields: Record<string, unknown> | undefined, name: string) => fields?.[name] as RecordedFile;

describe.skipIf(postgresUnavailable)('OpenAI GPT image edits', () => {
  it('should send the image and the mask as OpenAI wants it (alpha 0 = edit, the image size) with exact fields, and record the token cost', async () => {
    const { image } = await editOf(
      async (source) =>
        sut.images.edit({
          image: source.id,
          editType: 'inpaint',
          prompt: 'a red kite in the sky',
          mask: await leftHalfMask(),
          provider: 'openai',
          model: 'gpt-image-1.5'
        }),
      { editType: 'inpaint', mask: true }
    );

    expect(openai.requests.map((request) => `${request.method} ${request.path}`)).toStrictEqual([
      'POST /v1/moderations',
      'POST /v1/images/edits'
    ]);
    const request = openai.requests[1];
    expect(request!.fields).toStrictEqual({ model: 'gpt-image-1.5', prompt: 'a red kite in the sky', n: '1' });
    expect(Object.keys(request!.files).sort()).toStrictEqual(['image', 'mask']);
    const [sent] = request!.files.image!;
    expect(await decodeRgba(sent!.bytes)).toMatchObject({ width: SIDE, height: SIDE });
    const [mask] = request!.files.mask!;
    expect(mask).toMatchObject({ filename: 'mask.png', type: 'image/png' });
    expect(await decodeRgba(mask!.bytes)).toMatchObject({ width: SIDE, height: SIDE });
    expect(await leftAndRight(mask!.bytes, 3), 'alpha: transparent where the image may change').toStrictEqual([0, 255]);
    const prices = OPENAI_MODELS.find((model) => model.id === 'gpt-image-1.5')!.tokenPrices!;
    const expectedUsd =
      (FAKE_PROMPT_TOKENS * prices.textInput +
        FAKE_INPUT_IMAGE_TOKENS * prices.imageInput +
        FAKE_OUTPUT_TOKENS.medium! * prices.imageOutput) /
      1_000_000;
    expect(image.costUsd).toBeCloseTo(expectedUsd, 6);
  });

  it('should refuse remove-background and upscale on OpenAI before any request, naming models that can', async () => {
    const source = await uploadSource();
    const rows = await rowCount();

    const removal = await errorOf(sut.images.removeBackground({ image: source.id, provider: 'openai' }));
    const upscale = await errorOf(sut.images.upscale({ image: source.id, provider: 'openai', scale: 2 }));

    expect(removal).toMatchObject({ kind: 'unsupported', message: expect.stringContaining('remove-background') });
    expect(upscale).toMatchObject({ kind: 'unsupported', message: expect.stringMatching(/upscale|esrgan/) });
    expect(openai.requests).toStrictEqual([]);
    expect(await rowCount()).toBe(rows);
  });
});

describe.skipIf(postgresUnavailable)('Stability edits and upscales', () => {
  const requestOf = () => {
    expect(stability.requests.map((request) => `${request.method} ${request.path}`)).toHaveLength(1);
    return stability.requests[0]!;
  };

  it('should inpaint with the white area of the mask, at the image size, and record 5 credits', async () => {
    const { image, row } = await editOf(
      async (source) =>
        sut.images.edit({
          image: source.id,
          prompt: 'a red kite',
          negativePrompt: 'blur',
          mask: await leftHalfMask(),
          provider: 'stability',
          model: 'inpaint',
          seed: 11
        }),
      { editType: 'inpaint', mask: true }
    );

    const request = requestOf();
    expect(request.path).toBe('/v2beta/stable-image/edit/inpaint');
    const { image: sentImage, mask, ...fields } = request.fields!;
    expect(fields).toStrictEqual({ prompt: 'a red kite', negative_prompt: 'blur', seed: '11' });
    expect(sentImage).toMatchObject({ mediaType: 'image/png', width: SIDE, height: SIDE });
    expect(mask).toMatchObject({ mediaType: 'image/png', width: SIDE, height: SIDE });
    expect(await leftAndRight(file(request.fields, 'mask').bytes, 0), 'white = repaint').toStrictEqual([255, 0]);
    expect(image.costUsd).toBeCloseTo(5 * USD_PER_CREDIT, 6);
    expect(row.metadata).toMatchObject({ provider: [expect.objectContaining({ credits: 5 })] });
  });

  it('should outpaint by the pixels asked for each side, strength as creativity', async () => {
    const { image } = await editOf(
      (source) =>
        sut.images.edit({
          image: source.id,
          editType: 'outpaint',
          prompt: 'more sky',
          expand: { left: 16, up: 8 },
          strength: 0.25,
          provider: 'stability',
          model: 'outpaint',
          seed: 3
        }),
      { editType: 'outpaint', strength: 0.25 }
    );

    const request = requestOf();
    expect(request.path).toBe('/v2beta/stable-image/edit/outpaint');
    const { image: sentImage, ...fields } = request.fields!;
    expect(fields).toStrictEqual({ prompt: 'more sky', left: '16', up: '8', creativity: '0.25', seed: '3' });
    expect(sentImage).toMatchObject({ width: SIDE, height: SIDE });
    expect(await rowOf(image.id)).toMatchObject({ width: SIDE + 16, height: SIDE + 8 });
    expect(image.costUsd).toBeCloseTo(4 * USD_PER_CREDIT, 6);
  });

  it('should search and replace with the search prompt', async () => {
    await editOf(
      (source) =>
        sut.images.edit({
          image: source.id,
          editType: 'searchReplace',
          searchPrompt: 'the sky',
          prompt: 'a sunset',
          provider: 'stability',
          seed: 5
        }),
      { editType: 'searchReplace' }
    );

    const request = requestOf();
    expect(request.path).toBe('/v2beta/stable-image/edit/search-and-replace');
    const { image: sentImage, ...fields } = request.fields!;
    expect(fields).toStrictEqual({ prompt: 'a sunset', search_prompt: 'the sky', seed: '5' });
    expect(sentImage).toMatchObject({ width: SIDE, height: SIDE });
  });

  it('should remove the background, sending only the image', async () => {
    const { image } = await editOf(
      (source) => sut.images.removeBackground({ image: source.id, provider: 'stability' }),
      { editType: 'removeBackground' }
    );

    const request = requestOf();
    expect(request.path).toBe('/v2beta/stable-image/edit/remove-background');
    expect(Object.keys(request.fields!)).toStrictEqual(['image']);
    expect(image.costUsd).toBeCloseTo(5 * USD_PER_CREDIT, 6);
  });

  it('should upscale 4x with the fast upscaler for 2 credits', async () => {
    const { image } = await editOf(
      (source) => sut.images.upscale({ image: source.id, scale: 4, provider: 'stability', model: 'upscale-fast' }),
      { editType: 'upscale' }
    );

    const request = requestOf();
    expect(request.path).toBe('/v2beta/stable-image/upscale/fast');
    expect(Object.keys(request.fields!)).toStrictEqual(['image']);
    expect(await rowOf(image.id)).toMatchObject({ width: SIDE * 4, height: SIDE * 4 });
    expect(image.costUsd).toBeCloseTo(2 * USD_PER_CREDIT, 6);
  });

  it('should refuse an edit on a model that only generates before any request', async () => {
    const source = await uploadSource();
    const rows = await rowCount();

    const refusal = await errorOf(
      sut.images.edit({
        image: source.id,
        prompt: 'a kite',
        mask: await leftHalfMask(),
        provider: 'stability',
        model: 'core'
      })
    );

    expect(refusal).toMatchObject({ kind: 'unsupported', message: expect.stringContaining('inpaint') });
    expect(stability.requests).toStrictEqual([]);
    expect(await rowCount()).toBe(rows);
  });
});

describe.skipIf(postgresUnavailable)('Replicate edits and upscales', () => {
  const createdInput = () => {
    const creates = replicate.requests.filter((request) => request.route === 'create');
    expect(creates).toHaveLength(1);
    return creates[0]!.body as { version: string; input: Record<string, unknown> };
  };
  const priceOf = (id: string) => REPLICATE_MODELS.find((model) => model.id === id)!.price;

  it('should inpaint with SDXL: image and mask (white = repaint) as data URIs, strength as prompt_strength', async () => {
    const { image } = await editOf(
      async (source) =>
        sut.images.edit({
          image: source.id,
          prompt: 'a red kite',
          mask: await leftHalfMask(),
          strength: 0.8,
          seed: 9,
          provider: 'replicate',
          model: 'stability-ai/sdxl'
        }),
      { editType: 'inpaint', strength: 0.8, mask: true }
    );

    const { version, input } = createdInput();
    expect(version).toBe(SDXL_VERSION);
    expect(input).toStrictEqual({
      prompt: 'a red kite',
      image: expect.stringMatching(/^data:image\/png;base64,/),
      mask: expect.stringMatching(/^data:image\/png;base64,/),
      num_outputs: 1,
      prompt_strength: 0.8,
      seed: 9
    });
    const mask = Buffer.from(String(input.mask).split(',')[1]!, 'base64');
    expect(await decodeRgba(mask)).toMatchObject({ width: SIDE, height: SIDE });
    expect(await leftAndRight(mask, 0), 'white = repaint').toStrictEqual([255, 0]);
    expect(image.costUsd).toBeCloseTo(
      priceOf('stability-ai/sdxl').actualUsd({ images: 1, width: SIDE, height: SIDE, predictTimeS: 1.5 }).costUsd,
      5
    );
  });

  it('should upscale with Real-ESRGAN at the scale asked for, billed by run time', async () => {
    const { image } = await editOf(
      (source) => sut.images.upscale({ image: source.id, scale: 2, provider: 'replicate' }),
      { editType: 'upscale' }
    );

    const { version, input } = createdInput();
    expect(version).toBe(REAL_ESRGAN_VERSION);
    expect(input).toStrictEqual({
      image: expect.stringMatching(/^data:image\/png;base64,/),
      scale: 2,
      face_enhance: false
    });
    expect(await rowOf(image.id)).toMatchObject({ width: SIDE * 2, height: SIDE * 2 });
    expect(image.costUsd).toBeCloseTo(
      priceOf('nightmareai/real-esrgan').actualUsd({ images: 1, width: SIDE, height: SIDE, predictTimeS: 1.5 }).costUsd,
      5
    );
  });

  it('should refuse an upscale on FLUX before any prediction', async () => {
    const source = await uploadSource();

    const refusal = await errorOf(
      sut.images.upscale({ image: source.id, provider: 'replicate', model: 'black-forest-labs/flux-schnell' })
    );

    expect(refusal).toMatchObject({ kind: 'unsupported', message: expect.stringContaining('real-esrgan') });
    expect(replicate.requests).toStrictEqual([]);
  });
});
