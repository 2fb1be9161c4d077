import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { AppError, ZCollectionOutput, type ApiCaller, type TCollectionOutput } from '../../src/lib/server/api';
import { runTool } from '../errors';
import { collectionUri } from '../resources/collection';
import { toToolResult } from '../tool-result';

const ACTIONS = ['list', 'create', 'rename', 'describe', 'add', 'remove', 'reorder', 'delete'] as const;
type Action = (typeof ACTIONS)[number];

const inputShape = {
  action: z
    .enum(ACTIONS)
    .describe(
      'list: all collections; create: a new one (name, optional description and imageIds); rename (id, name); ' +
        'describe (id, description; empty clears it); add / remove (id, imageIds); reorder (id, imageIds first ' +
        'in that order, the rest keep their order after them); delete (id; the images stay in the library).'
    ),
  id: z
    .uuid('id must be a collection id (a UUID).')
    .optional()
    .describe('The collection, for every action but list and create.'),
  name: z.string().optional().describe("For create and rename; unique among the user's collections."),
  description: z.string().optional().describe('For create and describe.'),
  imageIds: z.array(z.string()).optional().describe('Image ids (1–500) for create, add, remove and reorder.')
};

const outputShape = {
  action: z.enum(ACTIONS),
  collections: z.array(ZCollectionOutput).optional().describe('For list.'),
  collection: ZCollectionOutput.optional().describe('The collection after the change.'),
  changed: z.number().optional().describe('Images added, removed or moved (add, remove, reorder).'),
  imagesKept: z.number().optional().describe('For delete: images that were in it, still in the library.')
};

type Input = { action: Action; id?: string; name?: string; description?: string; imageIds?: string[] };
type Output = z.infer<z.ZodObject<typeof outputShape>>;

export function registerManageCollectionTool(server: McpServer, api: ApiCaller): void {
  server.registerTool(
    'manage_collection',
    {
      title: 'Manage collections',
      description:
        "Lists, creates, renames, describes, fills, reorders and deletes the user's image collections (one tool, " +
        'choose with action). Collections only group images: remove and delete never delete an image. ' +
        'Annotated destructive because delete removes a collection and remove takes images out of one; every ' +
        "other action only adds or reads. If the collection or any image id is not the user's, the call fails " +
        'with "not_found" and nothing changes. Each collection is readable at atelier://collections/<id>.',
      inputSchema: inputShape,
      outputSchema: outputShape,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false }
    },
    (input) =>
      runTool(async () => {
        const result = await perform(api, input);
        return toToolResult(result, summarize(result));
      })
  );
}

async function perform(api: ApiCaller, input: Input): Promise<Output> {
  const { action } = input;
  const need = <Value>(value: Value | undefined, field: string): Value => {
    if (value === undefined) throw new AppError('validation', `The action "${action}" needs ${field}.`);
    return value;
  };
  switch (action) {
    case 'list':
      return { action, ...(await api.collections.list()) };
    case 'create':
      return { action, collection: await api.collections.create({ ...input, name: need(input.name, 'name') }) };
    case 'rename':
      return {
        action,
        collection: await api.collections.update({ id: need(input.id, 'id'), name: need(input.name, 'name') })
      };
    case 'describe': {
      const description = need(input.description, 'description');
      return {
        action,
        collection: await api.collections.update({ id: need(input.id, 'id'), description: description || null })
      };
    }
    case 'add':
    case 'remove':
    case 'reorder': {
      const change = { id: need(input.id, 'id'), imageIds: need(input.imageIds, 'imageIds') };
      const procedure = { add: 'addImages', remove: 'removeImages', reorder: 'reorder' } as const;
      return { action, ...(await api.collections[procedure[action]](change)) };
    }
    case 'delete':
      return { action, imagesKept: (await api.collections.delete({ id: need(input.id, 'id') })).imagesKept };
  }
}

function summarize(result: Output): string {
  if (result.collections) {
    if (result.collections.length === 0) return 'No collections yet; create one with action "create".';
    return result.collections.map(collectionLine).join('\n');
  }
  if (result.collection) {
    const changed = result.changed === undefined ? '' : ` (${result.changed} changed)`;
    return `${result.action}${changed}: ${collectionLine(result.collection)}`;
  }
  return `Deleted the collection; its ${result.imagesKept} images stay in the library.`;
}

function collectionLine(collection: TCollectionOutput): string {
  const count = `${collection.imageCount} image${collection.imageCount === 1 ? '' : 's'}`;
  return `- ${collection.id}: "${collection.name}", ${count} → ${collectionUri(collection.id)}`;
}
