import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ApiCaller } from '../src/lib/server/api';
import packageJson from '../package.json' with { type: 'json' };
import { registerCompletions } from './completions';
import { finishEveryToolResult } from './every-tool-result';
import { registerTemplatePrompts } from './prompts/templates';
import { registerCollectionResource } from './resources/collection';
import { registerImageResource } from './resources/image';
import { registerResourceList } from './resources/list';
import { registerTools } from './tools';

const INSTRUCTIONS = `Atelier is the user's self-hosted image studio. With these tools you create images from text prompts, edit them and browse the user's image library.
- generate_image makes new images and stores them; list_images lists them newest first; get_image shows one; list_providers says which providers, models, sizes, settings and operations are available; estimate_cost prices any of them first.
- edit_image (inpaint, outpaint, search and replace), create_variations, upscale_image, restyle_image and remove_background each make new images from one (an atelier://images/{id} URI, an id, base64 or a URL) and never change it; each result's parentImageId names its source.
- The default provider "local" is an offline procedural renderer, not a diffusion model: it paints colour fields, light and simple scenery steered by the prompt's colour and mood words, and does not draw the subjects described. Say so when you show its images. It is free; other providers appear only when the user configured them and may cost money per image.
- Settings a model cannot honour come back as warnings; the image is still made.
- Each image is also a resource, atelier://images/{id}: read it for the full-size file, or atelier://images/{id}/preview for a WebP of at most 1024 px (much smaller). Tool results carry small WebP previews and links to these resources.
- The user's prompt templates are MCP prompts: get one with its variables as arguments for a ready image prompt.
- analyze_image describes an image (palette, tags, quality; with Claude when the server has it, else measured from the pixels without recognising subjects) and saves the analysis with a library image, which search_images then finds by its tags.
- favorite_image stars images; manage_collection groups them into named, ordered collections (atelier://collections/{id}); neither ever deletes an image.`;

/** A tRPC caller for the MCP client, bound to `signal` when a tool call can be cancelled. */
export type CallerFactory = (options?: { signal?: AbortSignal }) => ApiCaller;

export type McpServerOptions = {
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
  finishEveryToolResult(server, options.publicUrl);
  registerTools(server, api, callerFor);
  registerImageResource(server, api);
  registerTemplatePrompts(server, api);
  registerCollectionResource(server, api);
  registerResourceList(server, api);
  registerCompletions(server, api);
  return server;
}

/** The studio's favicon (static/favicon.svg), which any client can fetch without signing in. */
export function atelierIcon(publicUrl: string) {
  return { src: `${publicUrl}/favicon.svg`, mimeType: 'image/svg+xml', sizes: ['any'] };
}
