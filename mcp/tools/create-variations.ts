import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ZVaryInput } from '../../src/lib/server/api';
import { IMAGE_INPUT_HELP, registerOperationTool, RESULT_HELP } from '../operation-tool';
import type { CallerFactory } from '../server';

const DESCRIPTION = `Makes 1–10 variations of an image (count, default 1) and saves them as new images. strength 0–1 says how far they stray from the source (default 0.5; 0.25 is subtle, 0.75 strong); prompt optionally steers them; seed makes them repeatable.
Models: local/procedural-v1 varies offline and free by re-rendering procedurally with new seeds (not a diffusion model: it keeps colours and mood, not subjects). When configured, OpenAI dall-e-2 makes true variations, charged per image. list_providers shows each model's operations; a model that cannot vary is refused as unsupported, naming the ones that can, before anything is stored or charged. estimate_cost with operation "vary" prices the call first.
${IMAGE_INPUT_HELP}
${RESULT_HELP}`;

export function registerCreateVariationsTool(server: McpServer, callerFor: CallerFactory): void {
  registerOperationTool(server, callerFor, {
    name: 'create_variations',
    title: 'Create variations',
    description: DESCRIPTION,
    input: ZVaryInput,
    verb: 'Made variations:',
    estimate: 'vary',
    run: (caller, input) => caller.images.vary(input)
  });
}
