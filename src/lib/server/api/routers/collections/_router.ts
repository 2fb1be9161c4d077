import { generateScopeProcedure, readProcedure, router } from '../../trpc';
import {
  ZCollectionChangeOutput,
  ZCollectionDeleteOutput,
  ZCollectionListOutput,
  ZCollectionOutput,
  ZCollectionPageOutput
} from './collection.output';
import { collectionHandlers } from './collections.handler';
import {
  ZCollectionIdInput,
  ZCollectionImagesInput,
  ZCollectionPageInput,
  ZCreateCollectionInput,
  ZUpdateCollectionInput
} from './collections.schema';

/** Collections group library images; changing one never changes or deletes an image. */
export const collectionsRouter = router({
  list: readProcedure.output(ZCollectionListOutput).query(collectionHandlers.list),
  get: readProcedure.input(ZCollectionPageInput).output(ZCollectionPageOutput).query(collectionHandlers.get),
  create: generateScopeProcedure
    .input(ZCreateCollectionInput)
    .output(ZCollectionOutput)
    .mutation(collectionHandlers.create),
  update: generateScopeProcedure
    .input(ZUpdateCollectionInput)
    .output(ZCollectionOutput)
    .mutation(collectionHandlers.update),
  delete: generateScopeProcedure
    .input(ZCollectionIdInput)
    .output(ZCollectionDeleteOutput)
    .mutation(collectionHandlers.delete),
  addImages: generateScopeProcedure
    .input(ZCollectionImagesInput)
    .output(ZCollectionChangeOutput)
    .mutation(collectionHandlers.addImages),
  removeImages: generateScopeProcedure
    .input(ZCollectionImagesInput)
    .output(ZCollectionChangeOutput)
    .mutation(collectionHandlers.removeImages),
  /** `imageIds` in their new order; images of the collection not named keep their order after them. */
  reorder: generateScopeProcedure
    .input(ZCollectionImagesInput)
    .output(ZCollectionChangeOutput)
    .mutation(collectionHandlers.reorder)
});
