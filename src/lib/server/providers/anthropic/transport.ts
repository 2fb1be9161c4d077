import Anthropic from '@anthropic-ai/sdk';
import { startDeadline, underDeadline } from '../kit/deadline';
import { fetchWithRetries } from '../kit/retries';
import { isSpendLimitRefusal, vendorFailure } from './errors';
import { ANTHROPIC_API_URL, CLAUDE_VENDOR } from './models';

export type AnthropicConnection = {
  apiKey: string;
  baseUrl?: string;
  timeoutMs: number;
  maxRetries: number;
  maxRetryDelayMs: number;
  fetch?: typeof fetch;
};

/**
 * Retries happen here, not in the SDK (its `maxRetries` is 0), as for the image providers: 429, 529 and
 * other 5xx wait what `retry-after` asks, up to `maxRetryDelayMs` (a longer wait fails at once with
 * `retryAfterMs`); a 429 for the spend limit is final.
 */
function retryingFetch(connection: AnthropicConnection): typeof fetch {
  const send = connection.fetch ?? fetch;
  return (input, init) => {
    const final = new WeakSet<Response>();
    return fetchWithRetries(
      async () => {
        const response = await send(input, init);
        if (response.status === 429 && (await isSpendLimitRefusal(response.clone()))) final.add(response);
        return response;
      },
      {
        maxRetries: connection.maxRetries,
        maxRetryDelayMs: connection.maxRetryDelayMs,
        isRetryable: (response) => (response.status === 429 || response.status >= 500) && !final.has(response),
        signal: init?.signal ?? undefined
      }
    );
  };
}

/**
 * One SDK request under a deadline of `timeoutMs` (retries included), every failure turned into Atelier's
 * error shape. The key, base URL and version come from config: the SDK reads no environment variable.
 */
export function sendToClaude<T>(
  connection: AnthropicConnection,
  request: (client: Anthropic, signal: AbortSignal) => Promise<T>,
  signal?: AbortSignal
): Promise<T> {
  const deadline = startDeadline(connection.timeoutMs, signal);
  const client = new Anthropic({
    apiKey: connection.apiKey,
    authToken: null,
    baseURL: connection.baseUrl ?? ANTHROPIC_API_URL,
    maxRetries: 0,
    timeout: connection.timeoutMs,
    fetch: retryingFetch(connection)
  });
  return underDeadline(
    deadline,
    CLAUDE_VENDOR,
    (deadlineSignal) => request(client, deadlineSignal),
    (error) => vendorFailure(error, connection.timeoutMs)
  );
}
