import { ZVaryInput } from '../../src/lib/server/api';
import { operationTool } from '../operation-tool';
import type { CallerFactory } from '../server';

export function createVariationsTool(callerFor: CallerFactory) {
  return operationTool(callerFor, {
    name: 'create_variations',
    title: 'Create variations',
    description: 'Makes 1–10 variations of an image. Free on local (procedural); OpenAI dall-e-2 charges per image.',
    input: ZVaryInput,
    verb: 'Made variations:',
    run: (caller, input) => caller.images.vary(input)
  });
}
