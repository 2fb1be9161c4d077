import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ApiCaller } from '../src/lib/server/api';
import packageJson from '../package.json' with { type: 'json' };
import { registerCompletions } from './completions';
import { toolResultFinisher } from './every-tool-result';
import { registerTemplatePrompts } from './prompts/templates';
import { registerCollectionResource } from './resources/collection';
import { registerImageResource } from './resources/image';
import { registerResourceList } from './resources/list';
import { registerAtelierTools, type ToolScope } from './tool-definition';
import { MAX_INLINE_PREVIEWS } from './tool-result';
import { atelierTools } from './tools';

/** What every tool shares, said once here instead of in each tool's description. */
const INSTRUCTIONS = `Atelier is the user's self-hosted image studio: make images from prompts, edit them, browse the library.
- The default provider "local" is an offline procedural renderer, not a diffusion model: it paints colour fields, light and simple scenery steered by the prompt's colour and mood words, and does not draw the subjects described. Say so when you show its images. It is free; other providers appear only when configured and may charge per image. estimate_cost prices any call first; list_providers names each model's sizes, settings and operations.
- Image-making tools add new images and never change one; each result's parentImageId names its source. An image argument (image, mask, styleImage) is atelier://images/<id>, an id or url of the user's own image, a data: URL, base64, or a public http(s) URL.
- Results carry structuredContent, a short text, WebP previews of the first ${MAX_INLINE_PREVIEWS} images and a resource_link per image; read atelier://images/<id> for the full file, atelier://images/<id>/preview for a WebP of at most 1024 px. list_images and search_images answer compact images; ask for more with fields.
- Arguments a tool does not take are refused, naming the nearest field; n and num_images mean count, snake_case names their camelCase field, width with height mean size.
- Settings a model cannot honour come back as warnings; the image is still made.
- A call estimated above the user's spending threshold is confirmed with them first (elicitation) or refused with the estimate: once they agree, call again with confirmCostUsd at least that estimate.
- Errors are results with isError and structuredContent { kind, code, message, retryAfterMs? }: fix validation errors, wait retryAfterMs on rate_limited.
- The user's prompt templates are MCP prompts; analyze_image saves an analysis that search_images then finds; collections are atelier://collections/<id>.`;

/** A tRPC caller for the MCP client, bound to `signal` when a tool call can be cancelled. */
export type CallerFactory = (options?: { signal?: AbortSignal }) => ApiCaller;

export type McpServerOptions = {
  /** The caller's API scopes: only the tools, resources and prompts these allow are listed. */
  scopes: readonly string[];
  /** Absolute base of the links results carry (`PUBLIC_URL`, else the studio's first origin; see `linkBaseUrl`). */
  publicUrl: string;
};

/** Atelier's MCP server over any transport; every tool and resource goes through a tRPC caller from `callerFor`. */
export function createMcpServer(callerFor: CallerFactory, options: McpServerOptions): McpServer {
  const server = new McpServer(
    {
      name: 'atelier',
      title: 'Atelier',
      version: packageJson.version,
      websiteUrl: options.publicUrl,
      icons: [atelierIcon(options.publicUrl)]
    },
    { instructions: INSTRUCTIONS, capabilities: { logging: {} } }
  );
  const api = callerFor();
  const can = (scope: ToolScope) => options.scopes.includes(scope);
  const finish = toolResultFinisher(server, options.publicUrl);
  registerAtelierTools(server, atelierTools(server, api, callerFor), { scopes: options.scopes, finish });
  if (can('read')) {
    registerImageResource(server, api);
    registerCollectionResource(server, api);
    registerResourceList(server, api);
    registerCompletions(server, api);
  }
  // Getting a prompt renders the template, which counts as a use of it: a change, so the generate scope.
  if (can('generate')) registerTemplatePrompts(server, api);
  return server;
}

/** The studio's favicon (static/favicon.svg), which any client can fetch without signing in. */
export function atelierIcon(publicUrl: string) {
  return { src: `${publicUrl}/favicon.svg`, mimeType: 'image/svg+xml', sizes: ['any'] };
}
