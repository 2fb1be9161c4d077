import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ZEditInput } from '../../src/lib/server/api';
import { IMAGE_INPUT_HELP, registerOperationTool, RESULT_HELP } from '../operation-tool';
import type { CallerFactory } from '../server';

const DESCRIPTION = `Edits an image and saves the result as 1–10 new images (count). editType:
- inpaint (default): repaints the area the mask marks, following prompt.
- outpaint: extends the canvas by expand { left, right, up, down } pixels (0–2048 each) and fills the new area following prompt; no mask needed.
- searchReplace: replaces what searchPrompt names with prompt; no mask needed.
mask: a PNG whose transparent pixels mark what to change, or a black-and-white image where white = change (grey = partly); any size, resized to the image. An empty mask is refused, a mask covering everything too unless fullMask: true.
Models: local/procedural-v1 inpaints and outpaints offline and free, with a procedural fill (colour fields and light, not the subjects a prompt names). When configured: OpenAI (gpt-image, dall-e-2: inpaint), Stability (inpaint, outpaint, search-and-replace), Replicate (stability-ai/sdxl: inpaint), charged per image; any inpaint model outpaints too. list_providers shows each model's operations; a model that cannot do the operation is refused as unsupported, naming the ones that can, before anything is stored or charged. strength 0–1 where the model takes it. estimate_cost with operation "edit" prices the call first.
${IMAGE_INPUT_HELP}
${RESULT_HELP}`;

export function registerEditImageTool(server: McpServer, callerFor: CallerFactory): void {
  registerOperationTool(server, callerFor, {
    name: 'edit_image',
    title: 'Edit image (inpaint, outpaint, search and replace)',
    description: DESCRIPTION,
    input: ZEditInput,
    verb: 'Edited',
    estimate: 'edit',
    run: (caller, input) => caller.images.edit(input)
  });
}
