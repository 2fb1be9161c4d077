import { ZGenerateInput, type GenerateOutcome } from '../../src/lib/server/api';
import { operationResult } from '../operation-tool';
import { progressSender } from '../progress';
import type { CallerFactory } from '../server';
import { defineTool, HINTS } from '../tool-definition';

export function generateImageTool(callerFor: CallerFactory) {
  const api = callerFor();
  return defineTool({
    name: 'generate_image',
    description: 'Makes 1–10 images from a prompt (≤ 4000 characters), with progress; a cancel keeps those made.',
    input: ZGenerateInput,
    scope: 'generate',
    annotations: HINTS.adds,
    async run(input, extra) {
      const sendProgress = progressSender(extra);
      let outcome: GenerateOutcome | undefined;
      for await (const update of await callerFor({ signal: extra.signal }).images.generateWithProgress(input)) {
        if (update.type === 'progress') await sendProgress(update.event);
        else outcome = update.outcome;
      }
      if (!outcome) throw new Error('The generation ended without a result.');
      return operationResult(api, outcome, 'Generated');
    }
  });
}
