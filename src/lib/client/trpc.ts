import { createTRPCClient, httpBatchLink, httpBatchStreamLink, splitLink } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '$lib/server/api';

/** Procedures whose answers stream (progress before the result); every other call is answered whole. */
const STREAMED_PATHS = ['images.generateWithProgress'];

/**
 * The browser's door into the procedures; stateless, so one per tab is enough. A batch holds at most
 * the server's MAX_TRPC_BATCH_SIZE calls (api/http-limits.ts, which browser code cannot import).
 */
export const trpc = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => STREAMED_PATHS.includes(op.path),
      true: httpBatchStreamLink({ url: '/api/trpc', maxItems: 10 }),
      false: httpBatchLink({ url: '/api/trpc', maxItems: 10 })
    })
  ]
});

type RouterInputs = inferRouterInputs<AppRouter>;
type RouterOutputs = inferRouterOutputs<AppRouter>;

export type GenerateInput = RouterInputs['images']['generate'];
type GenerateUpdate =
  RouterOutputs['images']['generateWithProgress'] extends AsyncIterable<infer Update> ? Update : never;
export type GenerateProgress = Extract<GenerateUpdate, { type: 'progress' }>['event'];
export type Image = RouterOutputs['images']['get'];
export type ImageWarning = Image['warnings'][number];
export type HistoryPage = RouterOutputs['images']['history'];
export type Provider = RouterOutputs['providers']['list'][number];
export type Model = Provider['models'][number];
export type Knob = Model['knobs'][number];
export type Health = RouterOutputs['system']['health'];
export type AccountSummary = RouterOutputs['account']['me'];
export type SignUpPolicy = RouterOutputs['account']['setupStatus']['signUpPolicy'];
export type ApiKey = RouterOutputs['keys']['list'][number];
export type ApiKeyScope = ApiKey['scopes'][number];
export type CreatedApiKey = RouterOutputs['keys']['create'];
export type ConnectedApp = RouterOutputs['apps']['list'][number];
export type AdminUser = RouterOutputs['admin']['listUsers'][number];
export type UserPatch = RouterInputs['admin']['updateUser']['patch'];
export type InstanceSettings = RouterOutputs['admin']['getSettings'];
export type SettingsPatch = RouterInputs['admin']['updateSettings'];
export type AuditEntry = RouterOutputs['admin']['auditLog'][number];
export type GenerationEstimate = RouterOutputs['images']['estimate'];
export type EnhancedPrompt = RouterOutputs['prompts']['enhance'];
export type EditInput = RouterInputs['images']['edit'];
export type OutpaintExpand = NonNullable<EditInput['expand']>;
/** What every edit procedure answers: the new images, each a new row naming its source as parent. */
export type EditOutcome = RouterOutputs['images']['edit'];
export type Lineage = RouterOutputs['images']['lineage'];
export type Preset = RouterOutputs['presets']['list']['presets'][number];
export type PromptTemplate = RouterOutputs['templates']['list']['templates'][number];
export type LibrarySearchInput = RouterInputs['images']['search'];
export type LibraryPage = RouterOutputs['images']['search'];
export type Collection = RouterOutputs['collections']['list']['collections'][number];
export type ReportReason = RouterInputs['images']['report']['reason'];
export type ReportQueuePage = RouterOutputs['admin']['reports'];
export type ReportQueueEntry = ReportQueuePage['reports'][number];
export type ReportDecision = RouterInputs['admin']['decideReport']['decision'];
