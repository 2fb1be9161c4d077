import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { ZImageOutput, ZProviderOutput } from '$lib/server/api';
import { linkBaseUrl } from '$lib/server/config';
import { generatedImages } from '$lib/server/db/schema';
import { listFiles } from '$tests/support/files';
import { blocksOf, callTool as callToolOf, textOf, useMcpTestClient } from '$tests/support/mcp-client';

const mcp = useMcpTestClient();

function callTool(name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return callToolOf(mcp.client, name, args);
}

async function storedState() {
  return {
    rows: (await mcp.deps.db.select().from(generatedImages)).length,
    files: await listFiles(mcp.deps.storageRoot)
  };
}

async function generateOne(args: Record<string, unknown>) {
  const result = await callTool('generate_image', { size: '256x256', ...args });
  expect(result.isError, textOf(result)).toBeFalsy();
  const [image] = ZImageOutput.array().parse((result.structuredContent as { images: unknown }).images);
  return { result, image: image! };
}

describe('createMcpServer', () => {
  it('should introduce Atelier and say the default provider is not a diffusion model', () => {
    expect(mcp.client.getServerVersion()?.name).toBe('atelier');
    expect(mcp.client.getInstructions()).toMatch(/procedural renderer, not a diffusion model/);
  });

  it('should list every tool alphabetically with the hints that differ from the defaults and a compact schema', async () => {
    const { tools } = await mcp.client.listTools();

    const makesImages = { destructiveHint: false };
    const readOnly = { readOnlyHint: true, openWorldHint: false };
    expect(tools.map((tool) => tool.name)).toStrictEqual([
      'analyze_image',
      'delete_image',
      'edit_image',
      'enhance_prompt',
      'estimate_cost',
      'favorite_image',
      'generate_image',
      'get_image',
      'list_images',
      'list_providers',
      'manage_collection',
      'restore_image',
      'search_images'
    ]);
    const hints = Object.fromEntries(tools.map((tool) => [tool.name, tool.annotations]));
    expect(hints).toStrictEqual({
      analyze_image: makesImages,
      delete_image: { idempotentHint: true, openWorldHint: false },
      edit_image: makesImages,
      enhance_prompt: makesImages,
      estimate_cost: readOnly,
      favorite_image: { destructiveHint: false, idempotentHint: true, openWorldHint: false },
      generate_image: makesImages,
      get_image: readOnly,
      list_images: readOnly,
      list_providers: readOnly,
      manage_collection: { openWorldHint: false },
      restore_image: { destructiveHint: false, idempotentHint: true, openWorldHint: false },
      search_images: readOnly
    });
    for (const tool of tools) {
      expect(tool.inputSchema.type, tool.name).toBe('object');
      expect(JSON.stringify(tool.inputSchema), tool.name).not.toMatch(/"\$schema"|"pattern"|9007199254740991/);
    }
  });

  it('should advertise the same input limits as the API for generate_image', async () => {
    const { tools } = await mcp.client.listTools();
    const generate = tools.find((tool) => tool.name === 'generate_image')!;
    const properties = generate.inputSchema.properties as Record<string, Record<string, unknown>>;

    expect(generate.inputSchema.required).toStrictEqual(['prompt']);
    expect(properties.prompt).toMatchObject({ type: 'string', maxLength: 4000 });
    expect(properties.count).toMatchObject({ type: 'integer', minimum: 1, maximum: 10, default: 1 });
    expect(generate.description).toMatch(/≤ 4000 characters/);
    expect(generate.description).toMatch(/1–10 images/);
  });

  it('should offer images, their previews and collections as resource templates', async () => {
    const { resourceTemplates } = await mcp.client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate)).toStrictEqual([
      'atelier://images/{id}',
      'atelier://images/{id}/preview',
      'atelier://collections/{id}'
    ]);
  });
});

describe('generate_image', () => {
  it('should store the image and return its metadata, a WebP preview and a link to the full PNG', async () => {
    const before = await storedState();

    const { result, image } = await generateOne({ prompt: 'a red lighthouse at dusk', seed: 42 });

    expect(image).toMatchObject({
      status: 'completed',
      prompt: 'a red lighthouse at dusk',
      width: 256,
      height: 256,
      seed: 42
    });
    expect(JSON.stringify(result.structuredContent)).not.toMatch(/[A-Za-z0-9+/]{200,}/);
    const after = await storedState();
    expect(after.rows).toBe(before.rows + 1);
    const fullPath = image.url!.replace(`${linkBaseUrl(mcp.deps.config)}/files/`, '');
    expect(after.files).toContain(fullPath);

    const [preview] = blocksOf(result, 'image');
    expect(preview?.mimeType).toBe('image/webp');
    const previewBytes = Buffer.from(preview!.data, 'base64');
    expect(previewBytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(previewBytes.subarray(8, 12).toString('latin1')).toBe('WEBP');

    const [link] = blocksOf(result, 'resource_link');
    expect(link).toMatchObject({ uri: `atelier://images/${image.id}`, mimeType: 'image/png', name: `${image.id}.png` });
    const { contents } = await mcp.client.readResource({ uri: link!.uri });
    expect(contents[0]?.mimeType).toBe('image/png');
    const fullBytes = Buffer.from((contents[0] as { blob: string }).blob, 'base64');
    expect(fullBytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(fullBytes.equals(await readFile(join(mcp.deps.storageRoot, fullPath)))).toBe(true);

    expect(textOf(result)).toContain(`atelier://images/${image.id}`);
    const fetched = await callTool('get_image', { id: image.id });
    expect(fetched.structuredContent).toStrictEqual(image);
  });

  it('should preview at most four images inline but link every one', async () => {
    const result = await callTool('generate_image', { prompt: 'five moons', size: '256x256', count: 5 });

    expect((result.structuredContent as { images: unknown[] }).images).toHaveLength(5);
    expect(blocksOf(result, 'image')).toHaveLength(4);
    expect(blocksOf(result, 'resource_link')).toHaveLength(5);
  });

  it('should report a setting the model ignores as a warning and still make the image', async () => {
    const { result, image } = await generateOne({ prompt: 'quiet sea', negativePrompt: 'boats', steps: 30 });

    expect(image.status).toBe('completed');
    const warnings = (result.structuredContent as { warnings: Array<{ setting?: string }> }).warnings;
    expect(warnings.map((warning) => warning.setting).sort()).toStrictEqual(['negativePrompt', 'steps']);
    expect(textOf(result)).toMatch(/negativePrompt was ignored/);
  });

  it.each([
    ['a 4001-character prompt', { prompt: 'x'.repeat(4001) }, /Prompts are limited to 4000 characters; shorten it\./],
    ['count 0', { prompt: 'cat', count: 0 }, /count must be at least 1\./],
    ['count 11', { prompt: 'cat', count: 11 }, /count is at most 10 images per request\./],
    ['a malformed size', { prompt: 'cat', size: 'big' }, /Size must look like 1024x1024\./],
    [
      'an unknown provider',
      { prompt: 'cat', provider: 'dall-e-9' },
      /^validation: Unknown provider "dall-e-9"\. Available providers: local\.$/
    ],
    [
      'a size the model cannot do',
      { prompt: 'cat', size: '1000x1000' },
      /^validation: Size 1000x1000 is not available for local\/procedural-v1; choose one of 256x256, /
    ]
  ])('should refuse %s with a clear error and store nothing', async (_name, args, message) => {
    const before = await storedState();

    const result = await callTool('generate_image', args);

    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ kind: 'validation', code: 400 });
    expect(textOf(result)).toMatch(message);
    expect(textOf(result)).toMatch(/validation/i);
    expect(await storedState()).toStrictEqual(before);
  });
});

describe('estimate_cost', () => {
  it('should answer price, model and warnings without storing anything', async () => {
    const before = await storedState();

    const result = await callTool('estimate_cost', {
      arguments: { prompt: 'a quiet harbour', size: '512x512', count: 6, steps: 20 }
    });

    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      provider: 'local',
      size: '512x512',
      count: 6,
      calls: 2,
      estimatedUsd: 0,
      price: { unit: 'free' },
      warnings: [{ type: 'unsupported', setting: 'steps' }]
    });
    expect(await storedState()).toStrictEqual(before);
  });
});

describe('enhance_prompt', () => {
  it('should answer the enhanced prompt, suggestions and tags from the local rules, storing no image', async () => {
    const before = await storedState();

    const result = await callTool('enhance_prompt', { prompt: 'a quiet harbour at dawn' });

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      enhancedPrompt: expect.stringMatching(/^a quiet harbour at dawn, /),
      tags: ['quiet', 'harbour', 'dawn'],
      negativePrompt: null,
      source: 'local',
      model: null,
      costUsd: 0,
      target: { provider: 'local', model: 'procedural-v1' }
    });
    expect(textOf(result)).toMatch(/^Enhanced by the local rules for local\/procedural-v1/);
    expect(textOf(result)).toMatch(/Tags: quiet, harbour, dawn/);
    expect(await storedState()).toStrictEqual(before);
  });

  it('should answer a prompt over the limit as a validation error', async () => {
    const result = await callTool('enhance_prompt', { prompt: 'x'.repeat(4001) });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/validation/i);
  });
});

describe('estimate_cost for the assistant', () => {
  it.each([
    ['enhance', { tool: 'enhance_prompt', arguments: { prompt: 'a quiet harbour' } }, 'rules'],
    ['analyze', { tool: 'analyze_image' }, 'pixel-statistics']
  ])('should price %s as free local work without an Anthropic key', async (operation, args, model) => {
    const result = await callTool('estimate_cost', args);

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      provider: 'local',
      model,
      count: 1,
      calls: 1,
      estimatedUsd: 0,
      price: { unit: 'free' },
      warnings: []
    });
    expect(textOf(result)).toMatch(new RegExp(`^${operation}: one call to local/${model}: about \\$0 \\(free`));
  });
});

describe('get_image', () => {
  it('should answer an unknown id as not_found', async () => {
    const id = randomUUID();
    const result = await callTool('get_image', { id });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(`not_found: No image with id ${id}; list your images to find the right id.`);
  });
});

describe('list_images', () => {
  it('should list a new image first, compact, with its resource URI', async () => {
    const { image } = await generateOne({ prompt: 'listed lantern' });

    const result = await callTool('list_images', { limit: 2 });

    const page = result.structuredContent as {
      images: Array<{ id: string; uri: string }>;
      total: number;
      totalExact: boolean;
      nextCursor: string | null;
    };
    expect(page.images[0]?.id).toBe(image.id);
    const everything = await callTool('list_images', { limit: 100 });
    expect(everything.structuredContent).toMatchObject({ total: (await storedState()).rows, totalExact: true });
    expect(page.total).toBeGreaterThanOrEqual(page.images.length);
    expect(page.images[0]?.uri).toBe(`atelier://images/${image.id}`);
    expect(result.content.map((block) => block.type)).toStrictEqual(['text']);
    expect(textOf(result)).toContain(image.id);
  });

  it('should page with the cursor it returned', async () => {
    const older = (await generateOne({ prompt: 'older page' })).image;
    const newer = (await generateOne({ prompt: 'newer page' })).image;

    const first = await callTool('list_images', { limit: 1 });
    const { nextCursor, images } = first.structuredContent as { nextCursor: string; images: Array<{ id: string }> };
    const second = await callTool('list_images', { limit: 1, cursor: nextCursor });

    expect(images.map((image) => image.id)).toStrictEqual([newer.id]);
    expect(
      (second.structuredContent as { images: Array<{ id: string }> }).images.map((image) => image.id)
    ).toStrictEqual([older.id]);
  });

  it('should refuse a filter, naming the arguments it takes (search_images filters)', async () => {
    const result = await callTool('list_images', { text: 'herons' });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe('validation: Unknown argument "text"; this tool takes limit, cursor, fields.');
  });

  it('should offer recent images through resources/list', async () => {
    const { image } = await generateOne({ prompt: 'resource river' });

    const { resources } = await mcp.client.listResources();

    expect(resources[0]).toMatchObject({
      uri: `atelier://images/${image.id}`,
      mimeType: 'image/png',
      title: 'resource river'
    });
  });
});

describe('list_providers', () => {
  it('should list the local provider, said plainly to be procedural', async () => {
    const result = await callTool('list_providers');

    const providers = ZProviderOutput.array().parse((result.structuredContent as { providers: unknown }).providers);
    expect(providers.map((provider) => provider.id)).toStrictEqual(['local']);
    expect(providers[0]!.kind).toMatch(/not a diffusion model/);
    expect(providers[0]!.models[0]!.sizes).toContain('256x256');
    expect(textOf(result)).toMatch(/^- local \(/);
  });
});

describe('atelier://images/{id}', () => {
  it('should refuse an unknown image with a not_found error', async () => {
    const id = randomUUID();
    await expect(mcp.client.readResource({ uri: `atelier://images/${id}` })).rejects.toThrow(
      `not_found: No image with id ${id}`
    );
  });
});

describe('search_images', () => {
  it('should find images by prompt words and filters, with a compact summary and no previews', async () => {
    const { image } = await generateOne({ prompt: 'a lighthouse keeper reading', seed: 77 });
    await generateOne({ prompt: 'a lighthouse at noon', seed: 78 });

    const result = await callTool('search_images', { text: 'keep* "lighthouse keeper" -noon', seed: 77 });

    expect(result.isError, textOf(result)).toBeFalsy();
    const page = result.structuredContent as { images: Array<{ id: string }>; total: unknown; nextCursor: unknown };
    expect(page.images.map((found) => found.id)).toStrictEqual([image.id]);
    expect(page).toMatchObject({ total: { count: 1, exact: true }, nextCursor: null });
    expect(textOf(result)).toMatch(/^1 of 1 images, newest first\./);
    expect(textOf(result)).toContain(image.id);
    expect(blocksOf(result, 'image')).toStrictEqual([]);
  });

  it('should refuse a cursor of another sort as a tool error', async () => {
    await generateOne({ prompt: 'first of two' });
    await generateOne({ prompt: 'second of two' });
    const first = await callTool('search_images', { limit: 1, sort: 'oldest' });
    const { nextCursor } = first.structuredContent as { nextCursor: string };

    const result = await callTool('search_images', { limit: 1, cursor: nextCursor });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^validation: The cursor belongs to a list sorted by oldest/);
  });
});
