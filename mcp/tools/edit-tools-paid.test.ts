import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createActorCaller, type ImageDto } from '$lib/server/api';
import { decodeRgba, encodeRgba } from '$lib/server/images';
import { blocksOf, callTool, imagesOf, textOf, useMcpTestClient } from '$tests/support/mcp-client';
import { createPaidTestProvider, PAID_EDITOR_MODEL, PAID_IMAGE_SIZE } from '$tests/support/paid-test-provider';

/** The editing tools against a provider that bills like a hosted one: lineage, cost and what reaches the vendor. */
const provider = createPaidTestProvider();
let source: ImageDto;
const editor = { provider: 'paid', model: PAID_EDITOR_MODEL };

const mcp = useMcpTestClient({ providers: [provider] });

beforeAll(async () => {
  const [image] = (await createActorCaller(mcp.deps, mcp.deps.actor).images.generate({ prompt: 'a paid harbour' }))
    .images;
  source = image!;
});

beforeEach(() => {
  provider.editCalls.length = 0;
});

describe('edit_image upscale', () => {
  it('should answer like generate_image: the child with its parent, cost, preview and link', async () => {
    const result = await callTool(mcp.client, 'edit_image', {
      editType: 'upscale',
      image: `atelier://images/${source.id}`,
      scale: 4,
      ...editor
    });

    const [image] = imagesOf(result);
    expect(image).toMatchObject({
      status: 'completed',
      width: PAID_IMAGE_SIZE * 4,
      editType: 'upscale',
      parentImageId: source.id,
      costUsd: 0.04
    });
    expect(provider.editCalls.map((call) => [call.operation, call.scale, call.image.width])).toStrictEqual([
      ['upscale', 4, PAID_IMAGE_SIZE]
    ]);
    expect(textOf(result)).toMatch(/^Upscaled 1 of 1 image \(cost \$0\.04\)\./);
    expect(textOf(result)).toContain(`→ atelier://images/${image!.id}; upscale of ${source.id}`);
    expect(blocksOf(result, 'image').map((block) => block.mimeType)).toStrictEqual(['image/webp']);
    expect(blocksOf(result, 'resource_link').map((block) => block.uri)).toStrictEqual([
      `atelier://images/${image!.id}`
    ]);
    const fetched = await callTool(mcp.client, 'get_image', { id: image!.id });
    expect(textOf(fetched)).toContain(`upscale of ${source.id}`);
  });
});

describe('edit_image', () => {
  it('should send the vendor a data: URL mask as white-on-black at the image size', async () => {
    const half = 8;
    const pixels = new Uint8Array(half * 2 * half * 4);
    for (let index = 0; index < half * 2 * half; index++) {
      const value = index % (half * 2) < half ? 255 : 0;
      pixels.set([value, value, value, 255], index * 4);
    }
    const mask = Buffer.from(await encodeRgba(pixels, half * 2, half, 'png')).toString('base64');

    const result = await callTool(mcp.client, 'edit_image', {
      image: source.id,
      mask: `data:image/png;base64,${mask}`,
      prompt: 'a blue door',
      count: 2,
      ...editor
    });

    const images = imagesOf(result);
    expect(images.map((image) => [image.editType, image.parentImageId, image.costUsd])).toStrictEqual([
      ['inpaint', source.id, 0.04],
      ['inpaint', source.id, 0.04]
    ]);
    const sent = provider.editCalls[0]!.mask!;
    expect([sent.width, sent.height]).toStrictEqual([PAID_IMAGE_SIZE, PAID_IMAGE_SIZE]);
    const { pixels: sentPixels } = await decodeRgba(sent.bytes);
    const red = (x: number, y: number) => sentPixels[(y * PAID_IMAGE_SIZE + x) * 4]!;
    expect([red(2, 30), red(PAID_IMAGE_SIZE - 3, 30)]).toStrictEqual([255, 0]);
    expect(textOf(result)).toMatch(/^Edited 2 of 2 images \(cost \$0\.08\)\./);
  });
});

describe('edit_image vary', () => {
  it('should pass count and strength and record each child with its parent', async () => {
    const result = await callTool(mcp.client, 'edit_image', {
      editType: 'vary',
      image: source.url,
      count: 3,
      strength: 0.25,
      ...editor
    });

    const images = imagesOf(result);
    expect(images.map((image) => [image.editType, image.parentImageId, image.strength])).toStrictEqual([
      ['variation', source.id, 0.25],
      ['variation', source.id, 0.25],
      ['variation', source.id, 0.25]
    ]);
    expect(provider.editCalls.map((call) => call.strength)).toContain(0.25);
  });
});

describe('estimate_cost', () => {
  it('should price an edit from the model without calling the vendor', async () => {
    const result = await callTool(mcp.client, 'estimate_cost', {
      tool: 'edit_image',
      arguments: { image: source.id, prompt: 'fog', count: 3, ...editor }
    });

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      provider: 'paid',
      model: PAID_EDITOR_MODEL,
      count: 3,
      estimatedUsd: 0.12
    });
    expect(textOf(result)).toMatch(/^edit: 3 images with paid\/paid-editor/);
    expect(provider.editCalls).toStrictEqual([]);
  });
});
