import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ZUpscaleInput } from '../../src/lib/server/api';
import { IMAGE_INPUT_HELP, registerOperationTool, RESULT_HELP } from '../operation-tool';
import type { CallerFactory } from '../server';

const DESCRIPTION = `Enlarges an image 2x or 4x (scale, default 2) into a new image.
Models: local/esrgan-slim (the default) is an ESRGAN network run offline on the server's CPU: free, sharper than resampling, takes seconds to minutes for large images. local/lanczos is instant Lanczos3 resampling, free, adds no detail. When configured: Stability upscale-fast, upscale-conservative and upscale-creative (the last two need a prompt; creative takes a minute or more) and Replicate nightmareai/real-esrgan (faceEnhance), charged per image. list_providers shows each model's operations; a model that cannot upscale is refused as unsupported before anything is stored or charged. prompt and strength only for models that take them. estimate_cost with operation "upscale" prices the call first.
${IMAGE_INPUT_HELP}
${RESULT_HELP}`;

export function registerUpscaleImageTool(server: McpServer, callerFor: CallerFactory): void {
  registerOperationTool(server, callerFor, {
    name: 'upscale_image',
    title: 'Upscale image',
    description: DESCRIPTION,
    input: ZUpscaleInput,
    verb: 'Upscaled',
    estimate: 'upscale',
    run: (caller, input) => caller.images.upscale(input)
  });
}
