import type { Deps } from '../../../services/deps';
import {
  addCollectionImages,
  createCollection,
  deleteCollection,
  getCollectionPage,
  listCollections,
  removeCollectionImages,
  reorderCollection,
  updateCollection
} from '../../../services/library';
import type { Actor } from '../../../services/users';
import type {
  TCollectionIdInput,
  TCollectionImagesInput,
  TCollectionPageInput,
  TCreateCollectionInput,
  TUpdateCollectionInput
} from './collections.schema';

type Ctx = { deps: Deps; user: Actor };

/** One line per procedure: each forwards to its use case in `services/library/collections.ts`. */
export const collectionHandlers = {
  list: async ({ ctx }: { ctx: Ctx }) => ({ collections: await listCollections(ctx.deps, ctx.user) }),
  get: ({ ctx, input }: { ctx: Ctx; input: TCollectionPageInput }) => getCollectionPage(ctx.deps, ctx.user, input),
  create: ({ ctx, input }: { ctx: Ctx; input: TCreateCollectionInput }) => createCollection(ctx.deps, ctx.user, input),
  update: ({ ctx, input }: { ctx: Ctx; input: TUpdateCollectionInput }) => updateCollection(ctx.deps, ctx.user, input),
  delete: ({ ctx, input }: { ctx: Ctx; input: TCollectionIdInput }) => deleteCollection(ctx.deps, ctx.user, input.id),
  addImages: ({ ctx, input }: { ctx: Ctx; input: TCollectionImagesInput }) =>
    addCollectionImages(ctx.deps, ctx.user, input),
  removeImages: ({ ctx, input }: { ctx: Ctx; input: TCollectionImagesInput }) =>
    removeCollectionImages(ctx.deps, ctx.user, input),
  reorder: ({ ctx, input }: { ctx: Ctx; input: TCollectionImagesInput }) => reorderCollection(ctx.deps, ctx.user, input)
};
