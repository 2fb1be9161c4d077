import {
  assistantProcedure,
  estimateProcedure,
  generateProcedure,
  generateScopeProcedure,
  readProcedure,
  router
} from '../../trpc';
import { analyzeHandler } from './analyze.handler';
import { ZAnalyzeInput, ZAnalyzeOutput } from './analyze.schema';
import { archiveHandler } from './archive.handler';
import { ZArchiveOutput } from './archive.schema';
import { cancelHandler } from './cancel.handler';
import { contentHandler } from './content.handler';
import { ZContentInput } from './content.schema';
import { downloadHandler } from './download.handler';
import { ZDownloadInput, ZDownloadOutput } from './download.schema';
import { editHandlers, uploadHandler } from './edit.handler';
import {
  ZEditInput,
  ZEstimateInput,
  ZRemoveBackgroundInput,
  ZRestyleInput,
  ZUploadInput,
  ZUpscaleInput,
  ZVaryInput
} from './edit.schema';
import { estimateHandler } from './estimate.handler';
import { generateHandler } from './generate.handler';
import { generateWithProgressHandler } from './generate-with-progress.handler';
import { ZGenerateInput } from './generate.schema';
import { getHandler } from './get.handler';
import { ZImageIdInput } from './get.schema';
import { historyHandler } from './history.handler';
import {
  ZCancelOutput,
  ZEstimateOutput,
  ZGenerateOutput,
  ZHistoryOutput,
  ZImageOutput,
  ZDeleteOutput,
  ZFavoriteOutput,
  ZLineageOutput,
  ZPurgeOutput,
  ZRestoreOutput,
  ZSearchOutput,
  ZUploadOutput
} from './image.output';
import { ZHistoryInput } from './history.schema';
import { lineageHandler } from './lineage.handler';
import { reportHandler } from './report.handler';
import { ZReportInput, ZReportOutput } from './report.schema';
import { favoriteHandler } from './favorite.handler';
import { ZSearchInput } from './search.schema';
import { searchHandler } from './search.handler';
import { trashHandlers } from './trash.handler';
import { ZFavoriteInput, ZImageIdsInput } from './trash.schema';

export const imagesRouter = router({
  /** Charges the images-per-minute limit itself, after the cache lookup: a cached answer makes no image. */
  generate: generateScopeProcedure.input(ZGenerateInput).output(ZGenerateOutput).mutation(generateHandler),
  generateWithProgress: generateScopeProcedure.input(ZGenerateInput).mutation(generateWithProgressHandler),
  edit: generateProcedure.input(ZEditInput).output(ZGenerateOutput).mutation(editHandlers.edit),
  vary: generateProcedure.input(ZVaryInput).output(ZGenerateOutput).mutation(editHandlers.vary),
  upscale: generateProcedure.input(ZUpscaleInput).output(ZGenerateOutput).mutation(editHandlers.upscale),
  restyle: generateProcedure.input(ZRestyleInput).output(ZGenerateOutput).mutation(editHandlers.restyle),
  removeBackground: generateProcedure
    .input(ZRemoveBackgroundInput)
    .output(ZGenerateOutput)
    .mutation(editHandlers.removeBackground),
  upload: generateScopeProcedure.input(ZUploadInput).output(ZUploadOutput).mutation(uploadHandler),
  estimate: estimateProcedure.input(ZEstimateInput).output(ZEstimateOutput).query(estimateHandler),
  cancel: generateScopeProcedure.input(ZImageIdInput).output(ZCancelOutput).mutation(cancelHandler),
  get: readProcedure.input(ZImageIdInput).output(ZImageOutput).query(getHandler),
  history: readProcedure.input(ZHistoryInput).output(ZHistoryOutput).query(historyHandler),
  lineage: readProcedure.input(ZImageIdInput).output(ZLineageOutput).query(lineageHandler),
  content: readProcedure.input(ZContentInput).query(contentHandler),
  download: readProcedure.input(ZDownloadInput).output(ZDownloadOutput).query(downloadHandler),
  search: readProcedure.input(ZSearchInput).output(ZSearchOutput).query(searchHandler),
  /** The zip `POST /api/images/archive` streams for these ids: names and sizes, checked before any byte is sent. */
  archive: readProcedure.input(ZImageIdsInput).output(ZArchiveOutput).query(archiveHandler),
  favorite: generateScopeProcedure.input(ZFavoriteInput).output(ZFavoriteOutput).mutation(favoriteHandler),
  /** Moves images to the trash (restorable until purged); deleting a trashed image again is a no-op. */
  delete: generateScopeProcedure.input(ZImageIdsInput).output(ZDeleteOutput).mutation(trashHandlers.delete),
  restore: generateScopeProcedure.input(ZImageIdsInput).output(ZRestoreOutput).mutation(trashHandlers.restore),
  /** Deletes trashed images for good, with their files. */
  purge: generateScopeProcedure.input(ZImageIdsInput).output(ZPurgeOutput).mutation(trashHandlers.purge),
  /** Claude vision describes the image; without ANTHROPIC_API_KEY the local pixel statistics do. Saved with library images. */
  analyze: assistantProcedure.input(ZAnalyzeInput).output(ZAnalyzeOutput).mutation(analyzeHandler),
  emptyTrash: generateScopeProcedure.output(ZPurgeOutput).mutation(trashHandlers.emptyTrash),
  /** Reports an image to the admins (one report per person and image; again replaces it). */
  report: generateScopeProcedure.input(ZReportInput).output(ZReportOutput).mutation(reportHandler)
});
