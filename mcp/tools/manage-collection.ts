import { z } from 'zod';
import { AppError, type ApiCaller, type TCollectionOutput } from '../../src/lib/server/api';
import { collectionUri } from '../resources/collection';
import { defineTool } from '../tool-definition';
import { toToolResult } from '../tool-result';

const ACTIONS = ['list', 'create', 'rename', 'describe', 'add', 'remove', 'reorder', 'delete'] as const;
type Action = (typeof ACTIONS)[number];

const ZManageCollectionInput = z.object({
  action: z
    .enum(ACTIONS, { error: `action must be one of ${ACTIONS.join(', ')}.` })
    .describe(
      'create: name (description, imageIds); rename: id, name; describe: id, description; add, remove, reorder: ' +
        'id, imageIds; delete: id.'
    ),
  id: z.uuid('id must be a collection id (a UUID).').optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  imageIds: z.array(z.string()).optional()
});

type Output = {
  action: Action;
  collections?: TCollectionOutput[];
  collection?: TCollectionOutput;
  changed?: number;
  imagesKept?: number;
};

export function manageCollectionTool(api: ApiCaller) {
  return defineTool({
    name: 'manage_collection',
    description:
      'Lists and changes collections, ordered groups of images. Never deletes an image (destructive: delete, remove).',
    input: ZManageCollectionInput,
    scope: 'generate',
    annotations: { openWorldHint: false },
    async run(input) {
      const result = await perform(api, input);
      return toToolResult(result, summarize(result));
    }
  });
}

async function perform(api: ApiCaller, input: z.output<typeof ZManageCollectionInput>): Promise<Output> {
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
