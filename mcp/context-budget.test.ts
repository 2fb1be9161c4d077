import { describe, expect, it } from 'vitest';
import { ZGenerateOutput } from '$lib/server/api';
import { PAGE_BUDGET_BYTES } from '$mcp/library-page';
import { callTool, connectMcpClient, imagesOf, textOf, useMcpTestClient } from '$tests/support/mcp-client';
import { createTestUser } from '$tests/support/test-users';

/** The whole tool list, which an agent pays for on every connection. */
const TOOLS_LIST_BUDGET_BYTES = 8192;

const mcp = useMcpTestClient();

describe('context budget', () => {
  it('should list every tool within the byte budget', async () => {
    const bytes = JSON.stringify(await mcp.client.listTools()).length;

    console.info(JSON.stringify({ toolsListBytes: bytes }));
    expect(bytes).toBeLessThanOrEqual(TOOLS_LIST_BUDGET_BYTES);
  });

  it('should answer a default list_images page of 20 long-prompt images within 25 KB, compact', async () => {
    const prompt = `a harbour at dawn, ${'with gulls over quiet water and long shadows, '.repeat(60)}`.slice(0, 3000);
    for (const batch of [1, 2])
      imagesOf(await callTool(mcp.client, 'generate_image', { prompt, size: '256x256', count: 10, seed: batch * 100 }));

    const result = await callTool(mcp.client, 'list_images');

    const bytes = JSON.stringify(result).length;
    console.info(JSON.stringify({ listImagesDefaultPageBytes: bytes }));
    expect(bytes).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    const page = result.structuredContent as { images: Array<Record<string, unknown>> };
    expect(page.images).toHaveLength(20);
    expect(Object.keys(page.images[0]!).sort()).toStrictEqual(
      ['createdAt', 'id', 'model', 'prompt', 'provider', 'size', 'status', 'uri'].sort()
    );
    expect((page.images[0]!.prompt as string).length).toBeLessThanOrEqual(120);
  });

  it('should add the fields asked for and refuse a field images do not have', async () => {
    const result = await callTool(mcp.client, 'list_images', { limit: 1, fields: ['seed', 'costUsd'] });
    expect((result.structuredContent as { images: Array<Record<string, unknown>> }).images[0]).toMatchObject({
      seed: expect.any(Number),
      costUsd: 0
    });

    const refused = await callTool(mcp.client, 'list_images', { fields: ['sed'] });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/^validation: Unknown field "sed" \(did you mean "seed"\?\)/);
  });

  it('should shorten a page over the budget and give the cursor of its last image', async () => {
    const result = await callTool(mcp.client, 'list_images', { limit: 20, fields: ['all'] });

    const page = result.structuredContent as { images: Array<{ id: string }>; nextCursor: string };
    expect(JSON.stringify(result).length).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    expect(page.images.length).toBeLessThan(20);
    const next = await callTool(mcp.client, 'list_images', { limit: 1, cursor: page.nextCursor });
    const all = await callTool(mcp.client, 'list_images', { limit: 100 });
    const ids = (all.structuredContent as { images: Array<{ id: string }> }).images.map((image) => image.id);
    expect((next.structuredContent as { images: Array<{ id: string }> }).images[0]?.id).toBe(ids[page.images.length]);
  });
});

describe('strict, forgiving input', () => {
  it('should take width and height as size and n as count', async () => {
    const images = imagesOf(
      await callTool(mcp.client, 'generate_image', { prompt: 'two squares', width: 512, height: 512, n: 2 })
    );

    expect(images.map((image) => `${image.width}x${image.height}`)).toStrictEqual(['512x512', '512x512']);
  });

  it('should refuse a size the model lacks, listing the ones it has', async () => {
    const result = await callTool(mcp.client, 'generate_image', { prompt: 'odd size', width: 640, height: 480, n: 3 });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^validation: Size 640x480 is not available for local\/procedural-v1; choose one of 256x256, 512x512, /
    );
  });

  it.each([
    [
      { prompt: 'cat', sizes: '512x512' },
      /^validation: Unknown argument "sizes" \(did you mean "size"\?\); this tool takes prompt, /
    ],
    [
      { prompt: 'cat', colour: 'red' },
      /^validation: Unknown argument "colour"; this tool takes prompt, provider, model, size, /
    ],
    [{ prompt: 'cat', width: 512 }, /width and height go together/],
    [{ prompt: 'cat', n: 2, count: 2 }, /Give count or n, not both\./],
    [{ prompt: 'cat', count: 0 }, /^validation: count must be at least 1\.$/],
    [{ prompt: 'cat', steps: 0 }, /^validation: steps must be a whole number from 1 to 150\.$/],
    [{ count: 2 }, /^validation: prompt is required\.$/]
  ])('should refuse %o with a message naming the field', async (args, message) => {
    const result = await callTool(mcp.client, 'generate_image', args);

    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    expect(result.structuredContent).toMatchObject({ kind: 'validation', code: 400 });
  });

  it('should take snake_case names as their field', async () => {
    const result = await callTool(mcp.client, 'generate_image', {
      prompt: 'sea',
      size: '256x256',
      negative_prompt: 'boats'
    });

    expect(ZGenerateOutput.parse(result.structuredContent).warnings).toContainEqual(
      expect.objectContaining({ setting: 'negativePrompt' })
    );
  });

  it('should map aspectRatio to the nearest size the model has, with a warning', async () => {
    const result = await callTool(mcp.client, 'generate_image', { prompt: 'wide sea', aspectRatio: '16:9' });

    const message = 'aspectRatio 16:9 became 1792x1024, the nearest size local/procedural-v1 has.';
    const [image] = imagesOf(result);
    expect(image).toMatchObject({ width: 1792, height: 1024, warnings: [{ type: 'other', message }] });
    expect(textOf(result)).toContain(`- ${message}`);
  });

  it('should refuse size and aspectRatio together', async () => {
    const result = await callTool(mcp.client, 'generate_image', {
      prompt: 'sea',
      size: '256x256',
      aspectRatio: '16:9'
    });

    expect(textOf(result)).toBe('validation: aspectRatio: Give size or aspectRatio, not both.');
  });

  it('should refuse an argument of another editType, naming the ones this editType takes', async () => {
    const result = await callTool(mcp.client, 'edit_image', { editType: 'upscale', image: 'x', mask: 'y' });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'validation: Unknown argument "mask"; editType upscale takes image, provider, model, scale, prompt, strength, faceEnhance.'
    );
  });

  it('should check estimate_cost arguments like the tool they price', async () => {
    const result = await callTool(mcp.client, 'estimate_cost', {
      tool: 'edit_image',
      arguments: { editType: 'upscale', image: 'x', scael: 4 }
    });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^validation: Unknown argument "scael" \(did you mean "scale"\?\); editType upscale takes /
    );
  });
});

describe('structured errors and scopes', () => {
  it('should give a rate-limited call kind, code, message and retryAfterMs, saying the wait once', async () => {
    const user = await createTestUser(mcp.deps, { policy: { generatePerMinute: 1 } });
    const limited = await connectMcpClient(mcp.deps, user);
    imagesOf(await callTool(limited, 'generate_image', { prompt: 'one', size: '256x256' }));

    const result = await callTool(limited, 'generate_image', { prompt: 'two', size: '256x256' });

    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({
      kind: 'rate_limited',
      code: 429,
      message: expect.stringMatching(/^You reached your limit of 1 images per minute; try again in \d+ s\.$/),
      retryAfterMs: expect.any(Number)
    });
    expect(textOf(result).match(/\d+ s\b/g)).toHaveLength(1);
    await limited.close();
  });

  it('should list no image-making tool, and no prompts, to a read-only caller', async () => {
    const reader = await connectMcpClient(mcp.deps, { ...mcp.deps.actor, scopes: ['read'] });

    const { tools } = await reader.listTools();

    expect(tools.map((tool) => tool.name)).toStrictEqual([
      'estimate_cost',
      'get_image',
      'list_images',
      'list_providers',
      'search_images'
    ]);
    expect(reader.getServerCapabilities()?.prompts).toBeUndefined();
    await reader.close();
  });

  it('should let a generate-only caller make images, the spending check pricing them without the read scope', async () => {
    const maker = await connectMcpClient(mcp.deps, { ...mcp.deps.actor, scopes: ['generate'] });

    const result = await callTool(maker, 'generate_image', { prompt: 'made without read', size: '256x256' });

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(imagesOf(result)[0]).toMatchObject({ status: 'completed', prompt: 'made without read' });
    await maker.close();
  });
});
