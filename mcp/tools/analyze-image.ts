import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ZAnalyzeInput, ZAnalyzeOutput } from '../../src/lib/server/api';
import { runTool } from '../errors';
import type { CallerFactory } from '../server';
import { toToolResult } from '../tool-result';

const DESCRIPTION = `Analyzes an image: description, subjects, style, palette (hex, share, name), composition, quality issues, a prompt that would recreate it, and tags.
With Claude configured on the server (source "claude") it is a vision model's reading of the image and may cost money (estimate_cost prices it); otherwise (source "local") it is measured from the pixels, free: size, aspect ratio, dominant named colours, brightness, contrast, sharpness and the safety score when the image has one, with tags such as "dark", "high-contrast" or "red"; it does not recognise subjects.
image: atelier://images/<id> or an id from this library (another user's image answers not_found), a data: URL, base64, or a public http(s) URL. A library image keeps its latest analysis (get_image shows it) and becomes findable by its tags and description with search_images; an outside image is analyzed and not stored.`;

export function registerAnalyzeImageTool(server: McpServer, callerFor: CallerFactory): void {
  server.registerTool(
    'analyze_image',
    {
      title: 'Analyze image',
      description: DESCRIPTION,
      inputSchema: ZAnalyzeInput.shape,
      outputSchema: ZAnalyzeOutput.shape,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true }
    },
    (input, extra) =>
      runTool(async () => {
        const outcome = await callerFor({ signal: extra.signal }).images.analyze(input);
        const { analysis } = outcome;
        const palette = analysis.palette.map(
          (colour) => `${colour.name ?? colour.hex} ${Math.round(colour.share * 100)}%`
        );
        const lines = [
          `${analysis.description}`,
          `Tags: ${analysis.tags.join(', ') || 'none'}.`,
          `Palette: ${palette.join(', ') || 'none'}.`,
          ...(analysis.qualityIssues.length ? [`Quality: ${analysis.qualityIssues.join(' ')}`] : []),
          `Source: ${analysis.source}${analysis.model ? ` (${analysis.model})` : ''}, cost $${outcome.costUsd}; ` +
            (outcome.imageId ? `saved with atelier://images/${outcome.imageId}.` : 'not stored (outside image).')
        ];
        return toToolResult(outcome, lines.join('\n'));
      })
  );
}
