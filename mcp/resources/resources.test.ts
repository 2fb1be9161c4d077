import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { LoggingMessageNotificationSchema, type LoggingMessageNotification } from '@modelcontextprotocol/sdk/types.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActorCaller, type ImageDto } from '$lib/server/api';
import { listFiles } from '$tests/support/files';
import { callTool, connectMcpClient, imagesOf } from '$tests/support/mcp-client';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { RESOURCES_PAGE_SIZE } from './list';

const PUBLIC_URL = 'https://atelier.example';

let deps: TestDeps;
let client: Client;
const logged: LoggingMessageNotification['params'][] = [];

beforeAll(async () => {
  deps = await createTestDeps({ env: { PUBLIC_URL } });
  // Paging needs more than a page of images, more than the default 30 per minute.
  deps.actor = { ...deps.actor, policy: { ...deps.actor.policy, generatePerMinute: 1000 } };
  const logging = new Client({ name: 'resources-test', version: '0.0.0' });
  logging.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
    logged.push(notification.params);
  });
  client = await connectMcpClient(deps, deps.actor, logging);
});

afterAll(async () => {
  await client?.close();
  await deps?.close();
});

async function generate(count: number, size = '256x256'): Promise<ImageDto[]> {
  const api = createActorCaller(deps, deps.actor);
  return (await api.images.generate({ prompt: 'a quiet harbour at dawn', count, size })).images;
}

describe('resources/list', () => {
  it('should page through the whole library newest first, each image with its size and lastModified', async () => {
    const made: ImageDto[] = [];
    for (let batch = 0; batch < 6; batch++) made.push(...(await generate(batch < 5 ? 10 : 2)));
    const api = createActorCaller(deps, deps.actor);
    const collection = await api.collections.create({ name: 'Harbours' });

    const first = await client.listResources();
    const second = await client.listResources({ cursor: first.nextCursor! });

    expect(first.nextCursor).toEqual(expect.any(String));
    expect(second.nextCursor).toBeUndefined();
    expect(first.resources[0]).toMatchObject({ uri: `atelier://collections/${collection.id}`, name: 'Harbours' });
    const images = [...first.resources, ...second.resources].filter((resource) =>
      resource.uri.startsWith('atelier://images/')
    );
    expect(first.resources.length).toBe(RESOURCES_PAGE_SIZE + 1);
    const library = (await api.images.history({ limit: 100 })).images;
    expect(images.map((resource) => resource.uri)).toStrictEqual(
      library.map((image) => `atelier://images/${image.id}`)
    );
    expect(images.length).toBe(made.length);
    for (const resource of images) {
      const image = library.find((candidate) => resource.uri.endsWith(candidate.id))!;
      expect(resource.size).toBe(image.fileSize);
      expect(resource.size).toBeGreaterThan(0);
      expect(resource.annotations?.lastModified).toBe(image.completedAt);
      expect(new Date(resource.annotations!.lastModified!).toISOString()).toBe(resource.annotations!.lastModified);
      expect(resource.description).toContain(`${resource.uri}/preview`);
    }
  });
});

describe('atelier://images/{id}/preview', () => {
  it('should read a 1024x1792 image as a WebP within 1024 px, far smaller than the full image, made once', async () => {
    const [image] = await generate(1, '1024x1792');

    const full = await client.readResource({ uri: `atelier://images/${image!.id}` });
    const preview = await client.readResource({ uri: `atelier://images/${image!.id}/preview` });
    const again = await client.readResource({ uri: `atelier://images/${image!.id}/preview` });

    const [fullBlob, previewBlob] = [full, preview].map((read) => {
      const [content] = read.contents;
      return 'blob' in content! ? content.blob : '';
    });
    expect(preview.contents[0]?.mimeType).toBe('image/webp');
    const metadata = await sharp(Buffer.from(previewBlob!, 'base64')).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toStrictEqual(['webp', 585, 1024]);
    expect(previewBlob!.length * 10).toBeLessThan(fullBlob!.length);
    expect(again.contents).toStrictEqual(preview.contents);
    expect(await listFiles(deps.storageRoot)).toContainEqual(expect.stringMatching(`${image!.id}-preview1024.webp$`));
  });

  it('should serve a 512 px preview to the API for the studio', async () => {
    const [image] = await generate(1, '1024x1792');

    const content = await createActorCaller(deps, deps.actor).images.content({
      id: image!.id,
      variant: 'preview',
      width: 512
    });

    const metadata = await sharp(Buffer.from(content.base64, 'base64')).metadata();
    expect([content.mediaType, metadata.width, metadata.height]).toStrictEqual(['image/webp', 293, 512]);
  });
});

describe('tool results', () => {
  it('should carry absolute file urls from PUBLIC_URL and link the preview as the cheap read', async () => {
    const result = await callTool(client, 'generate_image', { prompt: 'an absolute lighthouse', size: '256x256' });

    const [image] = imagesOf(result);
    expect(image!.url).toMatch(new RegExp(`^${PUBLIC_URL}/files/images/.+\\.png$`));
    expect(image!.thumbnailUrl).toMatch(new RegExp(`^${PUBLIC_URL}/files/images/.+-thumb\\.webp$`));
    const link = result.content.find((block) => block.type === 'resource_link');
    expect(link).toMatchObject({ description: expect.stringContaining(`atelier://images/${image!.id}/preview`) });
  });

  it('should send a failure to the client log as an error, unless the client asked for a higher level', async () => {
    const missing = { id: '00000000-0000-4000-8000-000000000000' };
    await client.setLoggingLevel('critical');
    const quiet = await callTool(client, 'get_image', missing);
    await client.setLoggingLevel('warning');

    const result = await callTool(client, 'get_image', missing);

    expect([quiet.isError, result.isError]).toStrictEqual([true, true]);
    expect(logged).toStrictEqual([
      { level: 'error', logger: 'get_image', data: expect.stringMatching(/^not_found: /) }
    ]);
  });
});

describe('server info', () => {
  it('should declare its icon, the logging capability and completions', () => {
    expect(client.getServerVersion()?.icons).toStrictEqual([
      { src: `${PUBLIC_URL}/favicon.svg`, mimeType: 'image/svg+xml', sizes: ['any'] }
    ]);
    expect(client.getServerCapabilities()).toMatchObject({ logging: {}, completions: {} });
  });
});

describe('completion/complete', () => {
  it('should complete an image id from the prefix typed, for the image and its preview', async () => {
    const [image] = await generate(1);
    const prefix = image!.id.slice(0, 3);

    for (const uri of ['atelier://images/{id}', 'atelier://images/{id}/preview']) {
      const { completion } = await client.complete({
        ref: { type: 'ref/resource', uri },
        argument: { name: 'id', value: prefix }
      });
      expect(completion.values).toContain(image!.id);
      expect(completion.values.every((value) => value.startsWith(prefix))).toBe(true);
    }
  });

  it('should complete sizes of the chosen provider for a prompt argument named size', async () => {
    const { completion } = await client.complete({
      ref: { type: 'ref/prompt', name: 'any-template' },
      argument: { name: 'size', value: '1024x' },
      context: { arguments: { provider: 'local' } }
    });

    expect(completion.values).toStrictEqual(['1024x1024', '1024x1536', '1024x768', '1024x1792']);
  });
});
