import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  LoggingLevelSchema,
  SetLevelRequestSchema,
  type CallToolResult,
  type LoggingLevel
} from '@modelcontextprotocol/sdk/types.js';
import { absoluteUrl } from '../src/lib/server/api';
import type { ToolExtra } from './progress';

/** Keys of `structuredContent` that hold a link a client fetches (`url`, `thumbnailUrl`, …). */
const LINK_KEY = /(^u|U)rl$/;

const SEVERITY: readonly LoggingLevel[] = LoggingLevelSchema.options;

/** What a tool's result goes through before it is answered (see `toolResultFinisher`). */
export type ToolResultFinisher = (name: string, result: CallToolResult, extra: ToolExtra) => Promise<CallToolResult>;

/**
 * What every tool's result goes through (`registerAtelierTools` applies it): links in `structuredContent`
 * become absolute against `publicUrl` (a remote agent cannot resolve `/files/…`), and a failure is also sent
 * to the client's log (`notifications/message`, level `error`) unless the client asked for a higher level
 * with `logging/setLevel`. The message travels with the call (the SDK's `sendLoggingMessage` sends it
 * unrelated to any request, which a stateless HTTP POST has no stream for), so the level is kept here.
 */
export function toolResultFinisher(server: McpServer, publicUrl: string): ToolResultFinisher {
  let level: LoggingLevel | undefined;
  server.server.setRequestHandler(SetLevelRequestSchema, ({ params }) => {
    level = params.level;
    return {};
  });
  return async (name, result, extra) => {
    if (result.isError && (level === undefined || SEVERITY.indexOf(level) <= SEVERITY.indexOf('error'))) {
      const text = result.content.find((block) => block.type === 'text')?.text ?? 'failed';
      const params = { level: 'error' as const, logger: name, data: text };
      await extra.sendNotification({ method: 'notifications/message', params }).catch(() => undefined);
    }
    if (!result.structuredContent) return result;
    return { ...result, structuredContent: withAbsoluteLinks(result.structuredContent, publicUrl) };
  };
}

function withAbsoluteLinks<Value>(value: Value, publicUrl: string): Value {
  if (Array.isArray(value)) return value.map((item: unknown) => withAbsoluteLinks(item, publicUrl)) as Value;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      LINK_KEY.test(key) && typeof field === 'string'
        ? absoluteUrl(field, publicUrl)
        : withAbsoluteLinks(field, publicUrl)
    ])
  ) as Value;
}
