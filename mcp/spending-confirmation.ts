import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { AppError, ZEstimateInput, type ApiCaller } from '../src/lib/server/api';
import type { ToolExtra } from './progress';
import { formatUsd } from './summaries';
import { parseToolArguments } from './tool-input';

/** What an image-making tool prices itself as (`images.estimate`'s operation). */
export type EstimateOperation = 'generate' | 'edit' | 'vary' | 'upscale' | 'restyle' | 'removeBackground';

/**
 * The argument every image-making tool takes to go ahead without being asked: the dollars the user agreed to
 * spend on a call above their threshold. Undescribed to keep tools/list small; the server instructions and
 * the refusal say what it is.
 */
export const ZConfirmCostUsd = z.number().min(0, 'confirmCostUsd is dollars, 0 or more.').optional();

/** `confirmCostUsd` checked and taken out of a tool's arguments, which are checked without it. */
export function takeConfirmation(args: Record<string, unknown> = {}): {
  confirmedUsd: number | undefined;
  rest: Record<string, unknown>;
} {
  const { confirmCostUsd, ...rest } = args;
  return {
    confirmedUsd: parseToolArguments(z.object({ confirmCostUsd: ZConfirmCostUsd }), { confirmCostUsd }).confirmCostUsd,
    rest
  };
}

/** How long a person has to answer (the SDK's default of a minute is short for a decision about money). */
const ANSWER_TIMEOUT_MS = 10 * 60_000;

export type SpendingDecision = { go: true } | { go: false; reason: string };

/**
 * Whether a call may spend what it is estimated to. Under the threshold (`account.spendingConfirmation`), or
 * with `confirmedUsd` at least the estimate, it goes; otherwise a client that declared `elicitation` asks
 * the person ("This will cost about $X. Continue?"), and any answer but accept stops the call before
 * anything is made. Other clients are refused with the estimate and how to proceed; so is every client over
 * HTTP, whose stateless servers never see the client's `initialize` (nor could they receive its answer).
 */
export async function confirmSpending(
  server: McpServer,
  api: ApiCaller,
  request: { operation: EstimateOperation } & Record<string, unknown>,
  confirmedUsd: number | undefined,
  extra: ToolExtra
): Promise<SpendingDecision> {
  const [{ confirmAboveUsd }, estimate] = await Promise.all([
    api.account.spendingConfirmation(),
    api.images.estimate(request as z.input<typeof ZEstimateInput>)
  ]);
  const cost = estimate.estimatedUsd;
  if (cost <= confirmAboveUsd || (confirmedUsd !== undefined && confirmedUsd >= cost)) return { go: true };
  const about = `about ${formatUsd(cost)} (${estimate.count} × ${estimate.provider}/${estimate.model}, ${estimate.size})`;
  if (!server.server.getClientCapabilities()?.elicitation?.form) {
    throw new AppError(
      'budget_exceeded',
      `This call would cost ${about}, above the user's confirmation threshold of ${formatUsd(confirmAboveUsd)}, ` +
        'and this client cannot ask them (no elicitation support). Ask the user; to go ahead, call again with ' +
        `confirmCostUsd: ${cost}. Nothing was made or charged.`
    );
  }
  const answer = await server.server
    .elicitInput(
      {
        mode: 'form',
        message: `This will cost ${about}. Continue?`,
        requestedSchema: { type: 'object', properties: {} }
      },
      { relatedRequestId: extra.requestId, signal: extra.signal, timeout: ANSWER_TIMEOUT_MS }
    )
    .catch((error: unknown) => {
      if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) return { action: 'timeout' as const };
      throw error;
    });
  if (answer.action === 'accept') return { go: true };
  const outcome = { decline: 'declined', cancel: 'dismissed', timeout: 'did not answer about' }[answer.action];
  return { go: false, reason: `Not run: the user ${outcome} spending ${about}. Nothing was made or charged.` };
}
