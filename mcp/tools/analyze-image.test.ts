import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ZAnalyzeOutput, ZImageOutput } from '$lib/server/api';
import { callTool, textOf, useMcpTestClient } from '$tests/support/mcp-client';

const mcp = useMcpTestClient();

describe('analyze_image', () => {
  it('should analyze a library image by its atelier:// URI, keep the analysis and make its tags searchable', async () => {
    const generated = await callTool(mcp.client, 'generate_image', { prompt: 'lantern harbour', size: '256x256' });
    const [image] = ZImageOutput.array().parse((generated.structuredContent as { images: unknown }).images);

    const result = await callTool(mcp.client, 'analyze_image', { image: `atelier://images/${image!.id}` });

    expect(result.isError, textOf(result)).toBeFalsy();
    const outcome = ZAnalyzeOutput.parse(result.structuredContent);
    expect(outcome).toMatchObject({ imageId: image!.id, costUsd: 0, analysis: { source: 'local', model: null } });
    const tag = outcome.analysis.tags.find((word) => word !== 'square')!;
    expect(textOf(result)).toContain(`Tags: ${outcome.analysis.tags.join(', ')}.`);
    expect(textOf(result)).toContain(`saved with atelier://images/${image!.id}`);
    const fetched = await callTool(mcp.client, 'get_image', { id: image!.id });
    expect((fetched.structuredContent as { analysis: unknown }).analysis).toStrictEqual(outcome.analysis);
    const found = await callTool(mcp.client, 'search_images', { text: `lantern ${tag}` });
    expect((found.structuredContent as { images: Array<{ id: string }> }).images.map((row) => row.id)).toContain(
      image!.id
    );
  });

  it('should answer an id that is not in the library as not_found', async () => {
    const result = await callTool(mcp.client, 'analyze_image', { image: `atelier://images/${randomUUID()}` });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^not_found: /);
  });
});
