import { ZRestyleInput } from '../../src/lib/server/api';
import { operationTool } from '../operation-tool';
import type { CallerFactory } from '../server';

export function restyleImageTool(callerFor: CallerFactory) {
  return operationTool(callerFor, {
    name: 'restyle_image',
    title: 'Restyle image',
    description:
      "Restyles an image by a look, a styleImage's colours or a prompt. Default local/color-transfer: free, colour " +
      'and tone only; OpenAI gpt-image restyles from a prompt, charged per image.',
    input: ZRestyleInput,
    verb: 'Restyled',
    run: (caller, input) => caller.images.restyle(input)
  });
}
