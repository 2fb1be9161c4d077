import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { absoluteUrl } from '../src/lib/server/api';

/** Keys of `structuredContent` that hold a link a client fetches (`url`, `thumbnailUrl`, …). */
const LINK_KEY = /(^u|U)rl$/;

/**
 * What every tool's result goes through, whoever registers the tool: links in `structuredContent` become
 * absolute against `publicUrl` (a remote agent cannot resolve `/files/…`), and a failure is also sent to
 * the client's log (`notifications/message`, at the level the client set with `logging/setLevel`).
 */
export function finishEveryToolResult(server: McpServer, publicUrl: string): void {
  const register = server.registerTool.bind(server);
  const finish = async (name: string, result: CallToolResult): Promise<CallToolResult> => {
    if (result.isError) {
      const text = result.content.find((block) => block.type === 'text')?.text ?? 'failed';
      await server.sendLoggingMessage({ level: 'error', logger: name, data: text }).catch(() => undefined);
    }
    if (!result.structuredContent) return result;
    return { ...result, structuredContent: withAbsoluteLinks(result.structuredContent, publicUrl) };
  };
  server.registerTool = ((name, config, callback) => {
    const run = callback as (...args: unknown[]) => CallToolResult | Promise<CallToolResult>;
    return register(name, config, (async (...args: unknown[]) => finish(name, await run(...args))) as typeof callback);
  }) as McpServer['registerTool'];
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
