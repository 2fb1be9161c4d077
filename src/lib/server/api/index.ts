export { appRouter, createCaller, type AppRouter, type ApiCaller } from './root';
export type { ApiContext } from './context';
export {
  createActorCaller,
  createEventContext,
  createServerCaller,
  createStdioContext,
  handleAuthRequest,
  startHttpServer,
  startServer,
  stopServer,
  type HttpEvent
} from './server-context';
export { refusalResponse, respondNotBuiltYet, respondWithProcedure, readJsonBody, type RestCall } from './rest';
export { MAX_TRPC_BATCH_SIZE } from './http-limits';
export { respondWithFile } from './files';
export { imageOriginOf, withSecurityHeaders } from './security-headers';
export { respondToReplicateWebhook } from './webhooks';
export { toErrorBody } from './middlewares/error-mapping';
export type { ImageDto } from '../services/image-dto';
export type { ProviderDto, ModelDto } from '../services/providers';
export type { HistoryPage } from '../services/library';
export type { GenerateOutcome } from '../services/generation';
export type { GenerationEstimate } from '../services/generation';
export type { HealthReport, PublicHealthReport } from '../services/health';
export { MAX_PROMPT_LENGTH, MAX_IMAGES_PER_REQUEST, ZGenerateInput } from './routers/images/generate.schema';
export { ZHistoryInput } from './routers/images/history.schema';
export { ZImageIdInput } from './routers/images/get.schema';
