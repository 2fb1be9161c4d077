import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createActorCaller, type ImageDto } from '$lib/server/api';
import { generatedImages } from '$lib/server/db/schema';
import { decodeRgba, encodeRgba } from '$lib/server/images';
import { listFiles } from '$tests/support/files';
import { blocksOf, callTool, imagesOf, textOf, useMcpTestClient } from '$tests/support/mcp-client';
import { createTestUser } from '$tests/support/test-users';

let source: ImageDto;

const mcp = useMcpTestClient();

beforeAll(async () => {
  const [image] = (
    await createActorCaller(mcp.deps, mcp.deps.actor).images.generate({
      prompt: 'a red lighthouse',
      size: '256x256',
      seed: 7
    })
  ).images;
  source = image!;
});

async function storedState() {
  return {
    rows: (await mcp.deps.db.select().from(generatedImages)).length,
    files: await listFiles(mcp.deps.storageRoot)
  };
}

/** A black-and-white mask: white (change) on the left `share` of the width, black (keep) elsewhere. */
async function leftMask(width: number, height: number, share: number): Promise<Uint8Array> {
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = x < width * share ? 255 : 0;
      pixels.set([value, value, value, 255], (y * width + x) * 4);
    }
  }
  return encodeRgba(pixels, width, height, 'png');
}

async function pixelsOf(uri: string) {
  const { contents } = await mcp.client.readResource({ uri });
  return decodeRgba(Buffer.from((contents[0] as { blob: string }).blob, 'base64'));
}

describe('edit_image upscale', () => {
  it('should upscale an atelier:// image with lanczos into a new child image, the source unchanged', async () => {
    const before = await pixelsOf(`atelier://images/${source.id}`);

    const result = await callTool(mcp.client, 'edit_image', {
      editType: 'upscale',
      image: `atelier://images/${source.id}`,
      provider: 'local',
      model: 'lanczos',
      scale: 2
    });

    const [image] = imagesOf(result);
    expect(image).toMatchObject({
      status: 'completed',
      width: 512,
      height: 512,
      provider: 'local',
      model: 'lanczos',
      editType: 'upscale',
      parentImageId: source.id,
      costUsd: 0
    });
    expect(textOf(result)).toMatch(/^Upscaled 1 of 1 image \(cost \$0\)\./);
    expect(textOf(result)).toContain(`atelier://images/${image!.id}; upscale of ${source.id}`);
    expect(blocksOf(result, 'image')[0]?.mimeType).toBe('image/webp');
    expect(blocksOf(result, 'resource_link')[0]?.uri).toBe(`atelier://images/${image!.id}`);
    expect((await pixelsOf(`atelier://images/${source.id}`)).pixels).toStrictEqual(before.pixels);
  });
});

describe('edit_image vary', () => {
  it('should make the requested number of variations of an image id, each a child of it', async () => {
    const result = await callTool(mcp.client, 'edit_image', {
      editType: 'vary',
      image: source.id,
      count: 2,
      strength: 0.75,
      seed: 3
    });

    const images = imagesOf(result);
    expect(images.map((image) => [image.status, image.editType, image.parentImageId])).toStrictEqual([
      ['completed', 'variation', source.id],
      ['completed', 'variation', source.id]
    ]);
    expect(images.map((image) => image.strength)).toStrictEqual([0.75, 0.75]);
    expect(blocksOf(result, 'resource_link')).toHaveLength(2);
  });
});

describe('edit_image', () => {
  it('should inpaint with a black-and-white mask sent as a data: URL, changing only the masked half', async () => {
    const mask = await leftMask(64, 64, 0.5);

    const result = await callTool(mcp.client, 'edit_image', {
      image: source.url,
      mask: `data:image/png;base64,${Buffer.from(mask).toString('base64')}`,
      prompt: 'a blue door',
      seed: 11
    });

    const [image] = imagesOf(result);
    expect(image).toMatchObject({ status: 'completed', editType: 'inpaint', parentImageId: source.id, width: 256 });
    const [before, after] = await Promise.all([
      pixelsOf(`atelier://images/${source.id}`),
      pixelsOf(`atelier://images/${image!.id}`)
    ]);
    const changed = (x: number, y: number) =>
      [0, 1, 2].some(
        (channel) => before.pixels[(y * 256 + x) * 4 + channel] !== after.pixels[(y * 256 + x) * 4 + channel]
      );
    expect(changed(200, 128), 'kept half').toBe(false);
    expect([changed(20, 20), changed(60, 200)], 'masked half').toContain(true);
  });

  it('should take an image and a mask sent as bare base64, storing the uploaded image as the parent', async () => {
    const { contents } = await mcp.client.readResource({ uri: `atelier://images/${source.id}` });
    const bytes = (contents[0] as { blob: string }).blob;

    const result = await callTool(mcp.client, 'edit_image', {
      image: bytes,
      mask: Buffer.from(await leftMask(32, 32, 0.25)).toString('base64'),
      prompt: 'fog'
    });

    const [image] = imagesOf(result);
    expect(image?.parentImageId).not.toBe(source.id);
    const parent = (await callTool(mcp.client, 'get_image', { id: image!.parentImageId }))
      .structuredContent as ImageDto;
    expect(parent).toMatchObject({ editType: 'upload', provider: 'upload', model: 'upload', width: 256 });
  });

  it('should refuse a mask that marks nothing with a validation error, storing nothing', async () => {
    const before = await storedState();

    const result = await callTool(mcp.client, 'edit_image', {
      image: `atelier://images/${source.id}`,
      mask: Buffer.from(await leftMask(16, 16, 0)).toString('base64'),
      prompt: 'nothing to change'
    });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^validation: .*mask/i);
    expect(await storedState()).toStrictEqual(before);
  });
});

describe('edit_image restyle', () => {
  it('should restyle with a named look of local/color-transfer', async () => {
    const result = await callTool(mcp.client, 'edit_image', {
      editType: 'restyle',
      image: `atelier://images/${source.id}`,
      look: 'warm-film'
    });

    const [image] = imagesOf(result);
    expect(image).toMatchObject({
      status: 'completed',
      provider: 'local',
      model: 'color-transfer',
      editType: 'style',
      parentImageId: source.id
    });
  });
});

describe('edit_image removeBackground', () => {
  it('should answer unsupported on embedded defaults, naming who can, and store nothing', async () => {
    const before = await storedState();

    const result = await callTool(mcp.client, 'edit_image', {
      editType: 'removeBackground',
      image: `atelier://images/${source.id}`
    });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^unsupported: .*stability/i);
    expect(await storedState()).toStrictEqual(before);
  });
});

describe('editing tools and other users', () => {
  it.each([
    ['upscale', { model: 'lanczos' }],
    ['vary', {}],
    ['outpaint', { expand: { left: 0, right: 32, up: 0, down: 0 } }],
    ['restyle', { look: 'warm-film' }]
  ])("edit_image %s should answer another user's image as not_found, storing nothing", async (editType, args) => {
    const stranger = await createTestUser(mcp.deps);
    const [theirs] = (
      await createActorCaller(mcp.deps, stranger).images.generate({ prompt: 'theirs', size: '256x256' })
    ).images;
    const before = await storedState();

    const result = await callTool(mcp.client, 'edit_image', {
      editType,
      image: `atelier://images/${theirs!.id}`,
      ...args
    });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^not_found: /);
    expect(await storedState()).toStrictEqual(before);
  });

  it('should answer an unknown atelier:// id as not_found', async () => {
    const result = await callTool(mcp.client, 'edit_image', {
      editType: 'upscale',
      image: `atelier://images/${randomUUID()}`,
      model: 'lanczos'
    });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^not_found: /);
  });
});

describe('estimate_cost', () => {
  it.each([
    ['inpaint', { prompt: 'a blue door', count: 2 }, 'procedural-v1', 2],
    ['vary', { count: 3 }, 'procedural-v1', 3],
    ['upscale', { scale: 4 }, 'esrgan-slim', 1],
    ['restyle', { look: 'warm-film' }, 'color-transfer', 1]
  ])('should price %s on the local provider as free, storing nothing', async (editType, args, model, count) => {
    const before = await storedState();

    const result = await callTool(mcp.client, 'estimate_cost', {
      tool: 'edit_image',
      arguments: { editType, image: `atelier://images/${source.id}`, ...args }
    });

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ provider: 'local', model, count, estimatedUsd: 0 });
    expect(await storedState()).toStrictEqual(before);
  });

  it('should answer removeBackground as unsupported on embedded defaults', async () => {
    const result = await callTool(mcp.client, 'estimate_cost', {
      tool: 'edit_image',
      arguments: { editType: 'removeBackground', image: `atelier://images/${source.id}` }
    });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^unsupported: .*stability/i);
  });
});
