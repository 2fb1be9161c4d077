import { ZUpscaleInput } from '../../src/lib/server/api';
import { operationTool } from '../operation-tool';
import type { CallerFactory } from '../server';

export function upscaleImageTool(callerFor: CallerFactory) {
  return operationTool(callerFor, {
    name: 'upscale_image',
    title: 'Upscale image',
    description:
      'Enlarges an image 2x or 4x. Default local/esrgan-slim: offline and free, seconds to minutes; local/lanczos ' +
      'is instant. Stability and Replicate upscalers charge per image.',
    input: ZUpscaleInput,
    verb: 'Upscaled',
    run: (caller, input) => caller.images.upscale(input)
  });
}
