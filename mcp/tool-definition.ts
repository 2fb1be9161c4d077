import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { advertisedSchema } from './advertised-schema';
import { runTool } from './errors';
import type { ToolResultFinisher } from './every-tool-result';
import type { ToolExtra } from './progress';
import { parseToolArguments } from './tool-input';

/** The API key scopes a tool can need (`read` to look, `generate` to make or change anything). */
export type ToolScope = 'read' | 'generate';

/**
 * Hints that differ from MCP's defaults (not read-only, destructive, not idempotent, open world) are the
 * only ones sent: the rest would repeat the defaults in every listing.
 */
export const HINTS = {
  /** Adds (images, an analysis, an enhanced prompt) and changes nothing that exists; may reach paid providers. */
  adds: { destructiveHint: false },
  reads: { readOnlyHint: true, openWorldHint: false }
} satisfies Record<string, ToolAnnotations>;

export type ToolSpec<Input extends z.ZodObject> = {
  /** Also what clients show: a title would repeat it in words in every listing. */
  name: string;
  description: string;
  input: Input;
  scope: ToolScope;
  annotations: ToolAnnotations;
  run(input: z.output<Input>, extra: ToolExtra): Promise<CallToolResult>;
};

/** A tool whose `run` takes the raw arguments and checks them first. */
export type AtelierTool = Omit<ToolSpec<z.ZodObject>, 'run'> & {
  run(args: Record<string, unknown> | undefined, extra: ToolExtra): Promise<CallToolResult>;
};

export function defineTool<Input extends z.ZodObject>(spec: ToolSpec<Input>): AtelierTool {
  return { ...spec, run: (args, extra) => spec.run(parseToolArguments(spec.input, args), extra) };
}

/**
 * Registers the tools the caller's scopes can use; any failure, bad arguments included, is a structured tool
 * error, and every result goes through `finish`.
 */
export function registerAtelierTools(
  server: McpServer,
  tools: AtelierTool[],
  { scopes, finish }: { scopes: readonly string[]; finish: ToolResultFinisher }
): void {
  for (const tool of tools) {
    if (!scopes.includes(tool.scope)) continue;
    const registered = server.registerTool(
      tool.name,
      {
        description: tool.description,
        inputSchema: advertisedSchema(tool.input),
        annotations: tool.annotations
      },
      async (args, extra) => finish(tool.name, await runTool(() => tool.run(args, extra)), extra)
    );
    // The SDK sends `taskSupport: "forbidden"` with every tool, which is what leaving it out means.
    registered.execution = undefined;
  }
}
