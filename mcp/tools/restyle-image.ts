import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ZRestyleInput } from '../../src/lib/server/api';
import { IMAGE_INPUT_HELP, registerOperationTool, RESULT_HELP } from '../operation-tool';
import type { CallerFactory } from '../server';

const DESCRIPTION = `Restyles an image into a new image: give look (a named look) or styleImage (an image whose colours and tone to take), or a prompt for models that restyle from text. strength 0–1 says how strongly.
Models: local/color-transfer (the default) works offline and free; it moves colour and tone only (Reinhard transfer in Lab), never shapes or texture; its looks (e.g. warm-film) are the model's styles in list_providers. When configured, OpenAI gpt-image models restyle from a prompt, charged per image. A model that cannot restyle is refused as unsupported, naming the ones that can, before anything is stored or charged. estimate_cost with operation "restyle" prices the call first.
${IMAGE_INPUT_HELP}
${RESULT_HELP}`;

export function registerRestyleImageTool(server: McpServer, callerFor: CallerFactory): void {
  registerOperationTool(server, callerFor, {
    name: 'restyle_image',
    title: 'Restyle image',
    description: DESCRIPTION,
    input: ZRestyleInput,
    verb: 'Restyled',
    estimate: 'restyle',
    run: (caller, input) => caller.images.restyle(input)
  });
}
