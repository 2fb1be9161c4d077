import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  McpError,
  type Prompt
} from '@modelcontextprotocol/sdk/types.js';
import type { ApiCaller } from '../../src/lib/server/api';
import { toResourceError } from '../errors';

type Template = Awaited<ReturnType<ApiCaller['templates']['list']>>['templates'][number];

/**
 * The prompt name of each template: its name in kebab-case, with the start of its id when two visible
 * templates would otherwise share one.
 */
function promptNames(templates: Template[]): Map<string, Template> {
  const slug = (template: Template) =>
    template.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'template';
  const counts = new Map<string, number>();
  for (const template of templates) counts.set(slug(template), (counts.get(slug(template)) ?? 0) + 1);
  return new Map(
    templates.map((template) => {
      const name = slug(template);
      return [counts.get(name)! > 1 ? `${name}-${template.id.slice(0, 8)}` : name, template];
    })
  );
}

function describePrompt(name: string, template: Template): Prompt {
  const origin = template.builtIn
    ? 'built in'
    : template.own
      ? 'yours'
      : `shared by ${template.authorName ?? 'a user'}`;
  return {
    name,
    title: template.name,
    description:
      `${template.description ?? template.template} (Atelier prompt template${template.category ? `, ${template.category}` : ''}, ${origin}; ` +
      'the result is an image prompt to pass to generate_image.)',
    arguments: template.variables.map((variable) => ({
      name: variable,
      description: `Fills {${variable}} in "${template.template}".`,
      required: true
    }))
  };
}

/**
 * The user's prompt templates (their own, public ones and the built-ins) as MCP prompts: `prompts/list`
 * asks the API each time, since templates change while a client is connected; `prompts/get` fills the
 * variables through `templates.render`, which also counts the use.
 */
export function registerTemplatePrompts(server: McpServer, api: ApiCaller): void {
  server.server.registerCapabilities({ prompts: {} });
  const listed = async () => promptNames((await api.templates.list()).templates);

  server.server.setRequestHandler(ListPromptsRequestSchema, async () => {
    try {
      return { prompts: [...(await listed())].map(([name, template]) => describePrompt(name, template)) };
    } catch (error) {
      throw toResourceError(error);
    }
  });

  server.server.setRequestHandler(GetPromptRequestSchema, async ({ params }) => {
    let template: Template | undefined;
    try {
      template = (await listed()).get(params.name);
    } catch (error) {
      throw toResourceError(error);
    }
    if (!template) {
      throw new McpError(ErrorCode.InvalidParams, `No prompt named "${params.name}"; list the prompts to find it.`);
    }
    try {
      const rendered = await api.templates.render({ id: template.id, variables: params.arguments ?? {} });
      return {
        description: describePrompt(params.name, rendered.template).description,
        messages: [{ role: 'user' as const, content: { type: 'text' as const, text: rendered.prompt } }]
      };
    } catch (error) {
      throw toResourceError(error);
    }
  });
}
