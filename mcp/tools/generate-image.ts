import { ZGenerateInput, type GenerateOutcome } from '../../src/lib/server/api';
import { operationTool } from '../operation-tool';
import { progressSender } from '../progress';
import type { CallerFactory } from '../server';

export function generateImageTool(callerFor: CallerFactory) {
  return operationTool(callerFor, {
    name: 'generate_image',
    title: 'Generate image',
    description:
      'Makes 1–10 new images from a prompt (≤ 4000 characters) and saves them. Free on "local"; other providers ' +
      'charge per image. Sends progress; a cancel keeps the images made. With a seed, a repeated request is ' +
      'answered from cache for free.',
    input: ZGenerateInput,
    verb: 'Generated',
    async run(caller, input, extra) {
      const sendProgress = progressSender(extra);
      let outcome: GenerateOutcome | undefined;
      for await (const update of await caller.images.generateWithProgress(input)) {
        if (update.type === 'progress') await sendProgress(update.event);
        else outcome = update.outcome;
      }
      if (!outcome) throw new Error('The generation ended without a result.');
      return outcome;
    }
  });
}
