import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ZGenerateInput, type GenerateOutcome } from '../../src/lib/server/api';
import { runImageOperation } from '../operation-tool';
import { progressSender } from '../progress';
import type { CallerFactory } from '../server';
import { ZConfirmCostUsd } from '../spending-confirmation';
import { defineTool, HINTS } from '../tool-definition';

const ZGenerateToolInput = ZGenerateInput.extend({ confirmCostUsd: ZConfirmCostUsd });

export function generateImageTool(server: McpServer, callerFor: CallerFactory) {
  const api = callerFor();
  return defineTool({
    name: 'generate_image',
    description: 'Makes 1–10 images from a prompt (≤ 4000 characters), with progress; a cancel keeps those made.',
    input: ZGenerateToolInput,
    scope: 'generate',
    annotations: HINTS.adds,
    run: ({ confirmCostUsd, ...request }, extra) =>
      runImageOperation(
        server,
        api,
        {
          priced: { ...request, operation: 'generate' },
          confirmedUsd: confirmCostUsd,
          verb: 'Generated',
          async run() {
            const sendProgress = progressSender(extra);
            let outcome: GenerateOutcome | undefined;
            const caller = callerFor({ signal: extra.signal });
            for await (const update of await caller.images.generateWithProgress(request)) {
              if (update.type === 'progress') await sendProgress(update.event);
              else outcome = update.outcome;
            }
            if (!outcome) throw new Error('The generation ended without a result.');
            return outcome;
          }
        },
        extra
      )
  });
}
