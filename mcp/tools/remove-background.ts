import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ZRemoveBackgroundInput } from '../../src/lib/server/api';
import { IMAGE_INPUT_HELP, registerOperationTool, RESULT_HELP } from '../operation-tool';
import type { CallerFactory } from '../server';

const DESCRIPTION = `Cuts the subject out of an image onto a transparent background, saved as a new image.
Only Stability's remove-background model can, and only when the server has a Stability key (charged per image); there is no offline model, so otherwise the call answers unsupported, naming the models that can, and stores nothing. estimate_cost with operation "removeBackground" prices the call first.
${IMAGE_INPUT_HELP}
${RESULT_HELP}`;

export function registerRemoveBackgroundTool(server: McpServer, callerFor: CallerFactory): void {
  registerOperationTool(server, callerFor, {
    name: 'remove_background',
    title: 'Remove background',
    description: DESCRIPTION,
    input: ZRemoveBackgroundInput,
    verb: 'Removed the background:',
    estimate: 'removeBackground',
    run: (caller, input) => caller.images.removeBackground(input)
  });
}
