import type { z } from 'zod';
import type {
  ZEstimateOutput,
  ZGenerateOutput,
  ZHistoryOutput,
  ZImageOutput,
  ZSearchOutput
} from './routers/images/image.output';
import type { ZProviderOutput } from './routers/providers/provider.output';
export { appRouter, createActorCaller, createCaller, type AppRouter, type ApiCaller } from './root';
export type { ApiContext } from './context';
export { MAX_TRPC_BATCH_SIZE } from './http-limits';
export { toErrorBody } from './middlewares/error-mapping';
export { absoluteUrl } from '../services/image-dto';
export { linkBaseUrl } from '../config';
export type { OperationProgress } from '../services/generation';
export type { HealthReport, PublicHealthReport } from '../services/health';
export { OAUTH_STAY_CONNECTED_SCOPE } from '../services/oauth-provider';
export { MAX_PROMPT_LENGTH, MAX_IMAGES_PER_REQUEST, ZGenerateInput } from './routers/images/generate.schema';
export {
  ZEditInput,
  ZEstimateInput,
  ZImageReference,
  ZRemoveBackgroundInput,
  ZRestyleInput,
  ZUploadInput,
  ZUpscaleInput,
  ZVaryInput
} from './routers/images/edit.schema';
export { ZAnalyzeInput, ZAnalyzeOutput } from './routers/images/analyze.schema';
export { ZHistoryInput } from './routers/images/history.schema';
export { ZEnhanceInput, ZEnhanceOutput, type EnhanceOutput } from './routers/prompts/enhance.schema';
export { ZSearchInput } from './routers/images/search.schema';
export { ZImageIdInput } from './routers/images/get.schema';
export { ZDownloadInput } from './routers/images/download.schema';
export {
  ZCancelOutput,
  ZEstimateOutput,
  ZGenerateOutput,
  ZHistoryOutput,
  ZImageOutput,
  ZLineageOutput,
  ZSearchOutput,
  ZUploadOutput,
  ZWarningOutput
} from './routers/images/image.output';
export { ZDeleteOutput, ZRestoreOutput } from './routers/images/image.output';
export { ZImageIdsInput } from './routers/images/trash.schema';
export { ZProviderOutput } from './routers/providers/provider.output';
export type { GenerationUpdate } from './routers/images/generate-with-progress.handler';
export type ImageDto = z.infer<typeof ZImageOutput>;
export type HistoryPage = z.infer<typeof ZHistoryOutput>;
export type SearchPage = z.infer<typeof ZSearchOutput>;
export type GenerateOutcome = z.infer<typeof ZGenerateOutput>;
export type GenerationEstimate = z.infer<typeof ZEstimateOutput>;
export type ProviderDto = z.infer<typeof ZProviderOutput>;
export { ZCreateKeyInput } from './routers/keys/create.schema';
export {
  ZCollectionImagesInput,
  ZCollectionPageInput,
  ZCreateCollectionInput,
  ZUpdateCollectionInput
} from './routers/collections/collections.schema';
export { ZFavoriteInput } from './routers/images/trash.schema';
export { ZFavoriteOutput } from './routers/images/image.output';
export {
  ZCollectionChangeOutput,
  ZCollectionDeleteOutput,
  ZCollectionOutput,
  type TCollectionOutput
} from './routers/collections/collection.output';
export { MAX_REPORT_DETAILS_LENGTH, ZReportInput } from './routers/images/report.schema';
export { AppError } from '../errors';
