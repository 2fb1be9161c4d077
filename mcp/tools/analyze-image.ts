import { ZAnalyzeInput } from '../../src/lib/server/api';
import type { CallerFactory } from '../server';
import { defineTool, HINTS } from '../tool-definition';
import { toToolResult } from '../tool-result';

export function analyzeImageTool(callerFor: CallerFactory) {
  return defineTool({
    name: 'analyze_image',
    description:
      'Palette, tags, quality and a recreate prompt of an image, saved for search. Claude if configured (may ' +
      'cost), else free pixel statistics.',
    input: ZAnalyzeInput,
    scope: 'generate',
    annotations: HINTS.adds,
    async run(input, extra) {
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
    }
  });
}
