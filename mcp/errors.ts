import { ErrorCode, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { toErrorBody } from '../src/lib/server/api';

/**
 * "validation: Prompts are limited to 4000 characters; shorten it." — the kind first, so an agent can tell a
 * fix from a retry; the retry time is added only when the message does not already say it.
 */
export function describeFailure(error: unknown): string {
  const body = toErrorBody(error);
  const seconds = body.retryAfterMs === undefined ? undefined : Math.ceil(body.retryAfterMs / 1000);
  const retry = seconds === undefined || body.message.includes(`${seconds} s`) ? '' : ` Retry after ${seconds} s.`;
  return `${body.kind}: ${body.message}${retry}`;
}

/**
 * A failed procedure as a tool result (MCP tool errors are results, not protocol errors): the API's error
 * body `{ kind, code, message, retryAfterMs? }` as `structuredContent`, and the same said in text.
 */
export function toToolError(error: unknown): CallToolResult {
  return {
    isError: true,
    structuredContent: toErrorBody(error),
    content: [{ type: 'text', text: describeFailure(error) }]
  };
}

/** Runs a tool body; any failure becomes a structured `isError: true` result. */
export async function runTool(body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (error) {
    return toToolError(error);
  }
}

/** A failed resource read or prompt get as a JSON-RPC error: the caller's mistake (4xx kinds) is invalid params, ours is internal. */
export function toResourceError(error: unknown): McpError {
  const body = toErrorBody(error);
  return new McpError(body.code < 500 ? ErrorCode.InvalidParams : ErrorCode.InternalError, describeFailure(error));
}
