/** Kept for the callers that import MAX_SEED from here (services/generation/plan.ts, api/routers/images/generate.schema.ts) until they import it from ./types; then delete this file. */
export { MAX_SEED } from './types';
